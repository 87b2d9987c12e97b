const config = require('../../deploy/build/service-webpack.config.js')(__dirname);

// The server and the single-page app share one output folder: the SPA (built by Vite into web/) stays.
module.exports = { ...config, output: { ...config.output, clean: { keep: /^web[\\/]/ } } };
