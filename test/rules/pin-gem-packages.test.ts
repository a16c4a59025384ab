// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/pin-gem-packages.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM ruby:3.3\nRUN gem install bundler:2.5.18\n',
    { name: '-v', code: 'RUN gem install bundler -v 2.5.18 --no-document\n' },
    { name: '--version=', code: 'RUN gem install --version=7.1.3 rails\n' },
    { name: 'gem i', code: 'RUN gem i rake:13.2.1\n' },
    { name: 'local .gem', code: 'RUN gem install ./pkg/mygem-1.0.0.gem\n' },
    {
      name: 'option values and build arguments are not gems',
      code: 'RUN gem install -n /usr/local/bin --source https://rubygems.org nokogiri:1.16.7 -- --use-system-libraries\n',
    },
    { name: 'gems from a variable', code: 'RUN gem install $GEMS\n' },
    { name: 'gem update', code: 'RUN gem update --system\n' },
    { name: 'bundle install', code: 'RUN bundle install\n' },
  ],
  invalid: [
    {
      code: 'FROM ruby:3.3\nRUN gem install bundler\n',
      errors: [
        {
          messageId: 'unpinned',
          line: 2,
          column: 17,
          endColumn: 24,
          message:
            '`bundler` is not pinned in `gem install`; use `bundler:<version>` or `-v <version>`',
        },
      ],
    },
    {
      name: 'each unpinned gem',
      code: 'RUN gem install --no-document rake:13.2.1 rails \\\n    puma\n',
      errors: [
        { messageId: 'unpinned', line: 1, column: 43 },
        { messageId: 'unpinned', line: 2, column: 5 },
      ],
    },
    {
      name: 'ONBUILD RUN',
      code: 'ONBUILD RUN gem i rake\n',
      errors: [{ messageId: 'unpinned', line: 1, column: 19 }],
    },
  ],
});
