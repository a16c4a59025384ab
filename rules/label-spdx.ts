import { defineRule } from '../src/lint/rule.js';
import { labelsOfType, NO_LABEL_SCHEMA } from './helpers/labels.js';

export default defineRule({
  meta: {
    id: 'label-spdx',
    severity: 'warning',
    hadolint: 'DL3054',
    docs: {
      summary: 'A label the schema types as `spdx` is not an SPDX license expression.',
      rationale:
        'Labels such as `org.opencontainers.image.licenses` are read by license scanners, which ' +
        'understand SPDX identifiers (`Apache-2.0`) and expressions (`MIT OR Apache-2.0`, ' +
        '`GPL-2.0-only WITH Classpath-exception-2.0`, `LicenseRef-acme`), not prose like ' +
        '`Apache 2`. Identifiers are compared case-insensitively against a built-in list of the ' +
        'SPDX licenses in common use (deprecated ids such as `GPL-2.0` included); a rare valid id ' +
        'missing from it can be written as `LicenseRef-<id>` or the rule ignored for that line. ' +
        'The rule runs only for labels that `label-schema` types as `spdx`; values with variables ' +
        'are skipped.',
      bad: 'FROM debian:12\nLABEL org.opencontainers.image.licenses="Apache 2"\n',
      good: 'FROM debian:12\nLABEL org.opencontainers.image.licenses="MIT OR Apache-2.0"\n',
      options: { labelSchema: { 'org.opencontainers.image.licenses': 'spdx' } },
    },
    messages: {
      notSpdx:
        'label `{{key}}` is `{{value}}`, which is not an SPDX license expression; use identifiers such as `Apache-2.0` or `MIT OR Apache-2.0`',
    },
    options: { labelSchema: NO_LABEL_SCHEMA },
  },
  check(model, report, options) {
    for (const label of labelsOfType(model, options.labelSchema, 'spdx')) {
      if (isSpdxExpression(label.value)) continue;
      report({ messageId: 'notSpdx', at: label, data: { key: label.key, value: label.value } });
    }
  },
});

const LICENSES = new Set(
  `0BSD AAL AFL-1.1 AFL-1.2 AFL-2.0 AFL-2.1 AFL-3.0 AGPL-1.0 AGPL-1.0-only AGPL-1.0-or-later
AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later Apache-1.0 Apache-1.1 Apache-2.0 APSL-1.0 APSL-1.1
APSL-1.2 APSL-2.0 Artistic-1.0 Artistic-1.0-cl8 Artistic-1.0-Perl Artistic-2.0 Beerware
BitTorrent-1.0 BitTorrent-1.1 BlueOak-1.0.0 BSD-1-Clause BSD-2-Clause BSD-2-Clause-FreeBSD
BSD-2-Clause-NetBSD BSD-2-Clause-Patent BSD-2-Clause-Views BSD-3-Clause BSD-3-Clause-Attribution
BSD-3-Clause-Clear BSD-3-Clause-LBNL BSD-3-Clause-Modification BSD-3-Clause-No-Nuclear-License
BSD-3-Clause-No-Nuclear-Warranty BSD-3-Clause-Open-MPI BSD-4-Clause BSD-4-Clause-UC BSD-Protection
BSD-Source-Code BSL-1.0 BUSL-1.1 bzip2-1.0.5 bzip2-1.0.6 CAL-1.0 CATOSL-1.1 CC-BY-1.0 CC-BY-2.0
CC-BY-2.5 CC-BY-3.0 CC-BY-4.0 CC-BY-NC-1.0 CC-BY-NC-2.0 CC-BY-NC-2.5 CC-BY-NC-3.0 CC-BY-NC-4.0
CC-BY-NC-ND-3.0 CC-BY-NC-ND-4.0 CC-BY-NC-SA-3.0 CC-BY-NC-SA-4.0 CC-BY-ND-3.0 CC-BY-ND-4.0
CC-BY-SA-2.0 CC-BY-SA-2.5 CC-BY-SA-3.0 CC-BY-SA-4.0 CC-PDDC CC0-1.0 CDDL-1.0 CDDL-1.1 CDLA-Permissive-1.0
CDLA-Permissive-2.0 CDLA-Sharing-1.0 CECILL-1.0 CECILL-1.1 CECILL-2.0 CECILL-2.1 CECILL-B CECILL-C
ClArtistic CNRI-Python CPAL-1.0 CPL-1.0 CUA-OPL-1.0 curl ECL-1.0 ECL-2.0 EFL-1.0 EFL-2.0 Elastic-2.0
Entessa EPL-1.0 EPL-2.0 ErlPL-1.1 EUDatagrid EUPL-1.0 EUPL-1.1 EUPL-1.2 Fair FSFAP FSFUL FSFULLR
FTL GFDL-1.1 GFDL-1.1-only GFDL-1.1-or-later GFDL-1.2 GFDL-1.2-only GFDL-1.2-or-later GFDL-1.3
GFDL-1.3-only GFDL-1.3-or-later GPL-1.0 GPL-1.0+ GPL-1.0-only GPL-1.0-or-later GPL-2.0 GPL-2.0+
GPL-2.0-only GPL-2.0-or-later GPL-2.0-with-classpath-exception GPL-3.0 GPL-3.0+ GPL-3.0-only
GPL-3.0-or-later GPL-3.0-with-GCC-exception HPND ICU IJG ImageMagick Imlib2 Info-ZIP Intel IPA IPL-1.0
ISC JasPer-2.0 JSON LAL-1.2 LAL-1.3 LGPL-2.0 LGPL-2.0+ LGPL-2.0-only LGPL-2.0-or-later LGPL-2.1
LGPL-2.1+ LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0 LGPL-3.0+ LGPL-3.0-only LGPL-3.0-or-later LGPLLR
Libpng libpng-2.0 libtiff LiLiQ-P-1.1 LiLiQ-R-1.1 LiLiQ-Rplus-1.1 LPL-1.0 LPL-1.02 LPPL-1.3a LPPL-1.3c
MirOS MIT MIT-0 MIT-advertising MIT-CMU MIT-enna MIT-feh MIT-Modern-Variant MITNFA Motosoto MPL-1.0
MPL-1.1 MPL-2.0 MPL-2.0-no-copyleft-exception MS-PL MS-RL MulanPSL-1.0 MulanPSL-2.0 Multics NASA-1.3
Naumen NCSA NGPL Nokia NPL-1.0 NPL-1.1 NPOSL-3.0 NTP OCLC-2.0 ODbL-1.0 ODC-By-1.0 OFL-1.0 OFL-1.1
OGTSL OLDAP-2.8 OpenSSL OSET-PL-2.1 OSL-1.0 OSL-1.1 OSL-2.0 OSL-2.1 OSL-3.0 PDDL-1.0 PHP-3.0 PHP-3.01
PostgreSQL PSF-2.0 Python-2.0 Python-2.0.1 QPL-1.0 RPL-1.1 RPL-1.5 RPSL-1.0 RSCPL Ruby SGI-B-2.0
SimPL-2.0 SISSL Sleepycat SMLNJ SPL-1.0 SSPL-1.0 TCL UCL-1.0 Unicode-3.0 Unicode-DFS-2015
Unicode-DFS-2016 Unlicense UPL-1.0 Vim VSL-1.0 W3C W3C-19980720 W3C-20150513 Watcom-1.0 WTFPL X11
XFree86-1.1 Xnet YPL-1.1 Zed Zend-2.0 Zlib zlib-acknowledgement ZPL-1.1 ZPL-2.0 ZPL-2.1`
    .split(/\s+/)
    .map((id) => id.toLowerCase()),
);

const EXCEPTIONS = new Set(
  `389-exception Autoconf-exception-2.0 Autoconf-exception-3.0 Bison-exception-2.2
Bootloader-exception Classpath-exception-2.0 CLISP-exception-2.0 DigiRule-FOSS-exception
eCos-exception-2.0 Fawkes-Runtime-exception FLTK-exception Font-exception-2.0
freertos-exception-2.0 GCC-exception-2.0 GCC-exception-3.1 gnu-javamail-exception
GPL-3.0-linking-exception GPL-3.0-linking-source-exception GPL-CC-1.0 i2p-gpl-java-exception
LGPL-3.0-linking-exception Libtool-exception Linux-syscall-note LLVM-exception LZMA-exception
mif-exception OCaml-LGPL-linking-exception OCCT-exception-1.0 OpenJDK-assembly-exception-1.0
openvpn-openssl-exception PS-or-PDF-font-exception-20170817 Qt-GPL-exception-1.0
Qt-LGPL-exception-1.1 Qwt-exception-1.0 SHL-2.0 SHL-2.1 Swift-exception u-boot-exception-2.0
Universal-FOSS-exception-1.0 WxWindows-exception-3.1`
    .split(/\s+/)
    .map((id) => id.toLowerCase()),
);

/** Parses `license-expression` from SPDX spec annex D: ids, `+`, WITH, AND, OR, parentheses. */
function isSpdxExpression(value: string): boolean {
  const tokens = value.match(/\(|\)|[^\s()]+/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const keyword = (word: string) => peek()?.toUpperCase() === word;
  const simple = (): boolean => {
    const token = peek();
    if (token === undefined) return false;
    position++;
    if (/^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(token)) return true;
    return (
      LICENSES.has(token.toLowerCase()) || LICENSES.has(token.replace(/\+$/, '').toLowerCase())
    );
  };
  const primary = (): boolean => {
    if (peek() === '(') {
      position++;
      if (!orExpression() || peek() !== ')') return false;
      position++;
      return true;
    }
    if (!simple()) return false;
    if (keyword('WITH')) {
      position++;
      const exception = peek();
      position++;
      return exception !== undefined && EXCEPTIONS.has(exception.toLowerCase());
    }
    return true;
  };
  const andExpression = (): boolean => {
    if (!primary()) return false;
    while (keyword('AND')) {
      position++;
      if (!primary()) return false;
    }
    return true;
  };
  const orExpression = (): boolean => {
    if (!andExpression()) return false;
    while (keyword('OR')) {
      position++;
      if (!andExpression()) return false;
    }
    return true;
  };
  return orExpression() && position === tokens.length;
}
