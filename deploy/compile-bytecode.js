'use strict';
// A local Serverless plugin: once serverless-python-requirements has put the requirements into the
// zip, add bytecode compiled for the Lambda runtime's Python (deploy/compile_bytecode.py says why).
// Listed after serverless-python-requirements in serverless.yml, so its hook runs after that one's.
const { execFileSync } = require('child_process');
const path = require('path');

class CompileBytecode {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'after:package:createDeploymentArtifacts': () => this.compile() };
  }

  compile() {
    const service = this.serverless.service;
    const artifact = service.package && service.package.artifact;
    if (!artifact) {
      throw new Error('compile-bytecode: no package artifact (is `package.individually` on?)');
    }
    // The Python that ran pip for the requirements; the script itself finds a 3.12 to compile with.
    const python = (service.custom.pythonRequirements || {}).pythonBin || 'python3';
    const serviceDir = this.serverless.serviceDir || this.serverless.config.servicePath;
    execFileSync(python, [path.join(serviceDir, 'deploy', 'compile_bytecode.py'), path.resolve(serviceDir, artifact)],
      { stdio: 'inherit', cwd: serviceDir });
  }
}

module.exports = CompileBytecode;
