/**
 * The benches and fault drills host the services in a process that imports this library; loading
 * pdf-parse replaces globals of that process (JSON.parse, Array.prototype.push, …). Importing the
 * library must leave them as the runtime made them: pdf-parse loads on the first PDF read.
 */
describe('importing the testing library', () => {
  it('leaves the runtime’s globals alone', () => {
    const before = { parse: JSON.parse, push: Array.prototype.push, toString: Function.prototype.toString };
    jest.isolateModules(() => {
      require('./index');
    });
    expect({ parse: JSON.parse, push: Array.prototype.push, toString: Function.prototype.toString }).toEqual(before);
  });
});
