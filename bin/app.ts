import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { GridlineStack } from '../lib/gridline-stack';
import { topology } from '../lib/topology';

const app = new App();
// `cdk deploy -c sourceMaps=true`: stack traces mapped to the source, at a cost to every cold start.
const sourceMaps = app.node.tryGetContext('sourceMaps');
new GridlineStack(app, 'Gridline', {
  topology,
  sourceMapsInStackTraces: sourceMaps === true || sourceMaps === 'true',
});
// cdk-nag 3 is a policy validation plugin: synth fails on any finding that is not acknowledged.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
