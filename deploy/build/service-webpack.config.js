const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { basename, join } = require('node:path');

/**
 * The webpack build of one service: `src/main.ts` → `dist/services/<name>/main.js`, for Node,
 * dependencies left in node_modules. Each service's webpack.config.js is one call to this.
 */
module.exports = function serviceWebpackConfig(serviceDir) {
  const name = basename(serviceDir);
  return {
    output: { path: join(__dirname, '../../dist/services', name), clean: true },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
      }),
    ],
  };
};
