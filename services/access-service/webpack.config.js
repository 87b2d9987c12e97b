module.exports = require('../../deploy/build/service-webpack.config.js')(__dirname);
