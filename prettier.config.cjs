/** @type {import('prettier').Config} */

const config = {
  // A plugin named as a string is looked up from this directory, where there is
  // no node_modules: resolve it from the pre-commit node env instead.
  // https://github.com/prettier/prettier/issues/15388#issuecomment-1717746872
  plugins: [require.resolve("@prettier/plugin-xml")],
  bracketSpacing: false,
  printWidth: 88,
  proseWrap: "always",
  semi: true,
  trailingComma: "es5",
  xmlWhitespaceSensitivity: "preserve",
};

module.exports = config;
