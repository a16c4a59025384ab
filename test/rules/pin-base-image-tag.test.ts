// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text uses ${VAR}
import rule from '../../rules/pin-base-image-tag.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM ruby:2\n',
    { name: 'digest', code: 'FROM ruby@sha256:f1dbca0f5dbc9\n' },
    { name: 'ARG without default', code: 'FROM ${VALUE}\n' },
    { name: 'scratch', code: 'FROM scratch\n' },
    {
      name: 'earlier stage names need no tag',
      code: 'FROM golang:1.9.3-alpine3.7 AS build\nRUN foo\nFROM build as unit-test\nRUN bar\nFROM alpine:3.7\nRUN baz\n',
    },
    {
      name: 'stage names compare case-insensitively',
      code: 'FROM golang:1.22 AS Build\nFROM build\n',
    },
    { name: 'ARG default with a tag', code: 'ARG BASE=debian:12\nFROM ${BASE}\n' },
    { name: 'tag from a variable', code: 'ARG V\nFROM debian:${V}\n' },
    { name: 'registry port is not a tag, but the tag is', code: 'FROM localhost:5000/app:1.2\n' },
  ],
  invalid: [
    {
      code: 'FROM debian\n',
      errors: [
        {
          messageId: 'untagged',
          line: 1,
          column: 6,
          endColumn: 12,
          message:
            'base image `debian` has no tag, so it means `latest`; pin a version (`debian:<version>`) or a digest',
        },
      ],
    },
    {
      name: 'resolved from a global ARG default',
      code: 'ARG BASE=debian\nFROM $BASE AS base\n',
      errors: [{ messageId: 'untagged', line: 2 }],
    },
    {
      name: 'a stage name used before it is declared is an image',
      code: 'FROM build\nFROM golang:1.22 AS build\n',
      errors: [{ messageId: 'untagged', line: 1 }],
    },
    {
      name: 'registry with port and no tag',
      code: 'FROM localhost:5000/app\n',
      errors: [{ messageId: 'untagged', line: 1 }],
    },
  ],
});
