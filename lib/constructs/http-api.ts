import { Lazy, NestedStack, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type DeployedRoute, deployedRouteKey } from '../deployed-routes';
import type { RouteThrottle } from '../topology-types';

export interface GridlineHttpApiProps {
  /** `iss` of the accepted JWTs. */
  readonly issuer: string;
  /** Accepted `aud` values (the app client ids). */
  readonly audience: readonly string[];
  /** @default 100 requests per second, bursts of 200 */
  readonly throttle?: apigw.ThrottleSettings;
}

/** HTTP API variables only: the REST API's `$context.identity.user` and friends do not exist here. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    method: '$context.httpMethod',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    sub: '$context.authorizer.claims.sub',
  }),
);

/** The API's JWT authorizer as a route sees it: made once, in the API's own stack. */
class SharedAuthorizer implements apigw.IHttpRouteAuthorizer {
  constructor(private readonly authorizer: apigw.HttpAuthorizer) {}

  bind(): apigw.HttpRouteAuthorizerConfig {
    return { authorizerId: this.authorizer.authorizerId, authorizationType: 'JWT' };
  }
}

/**
 * The HTTP API: a `$default` stage with access logs and throttling, and a
 * Cognito JWT authorizer for the routes that need one. The routes, their
 * integrations and invoke permissions are a nested stack of their own: a
 * route is a resource, and CloudFormation takes at most 500 per stack.
 */
export class GridlineHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly authorizer: apigw.HttpAuthorizer;
  /** Where every route, integration and invoke permission is. */
  readonly routes: NestedStack;
  private readonly jwt: apigw.IHttpRouteAuthorizer;
  /** The stage's `RouteSettings`: each throttled route's own limits, by route key. */
  private readonly routeThrottles: Record<
    string,
    { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
  > = {};

  constructor(scope: Construct, id: string, props: GridlineHttpApiProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `${stackName}-api`,
      // Created below, with access logs and throttling the default stage cannot be given.
      createDefaultStage: false,
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat,
      },
    });
    (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = Lazy.any({
      produce: () => (Object.keys(this.routeThrottles).length > 0 ? this.routeThrottles : undefined),
    });
    this.authorizer = new apigw.HttpAuthorizer(this, 'CognitoJwt', {
      httpApi: this.api,
      type: apigw.HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: props.issuer,
      jwtAudience: [...props.audience],
    });
    this.jwt = new SharedAuthorizer(this.authorizer);
    this.routes = new NestedStack(this, 'Routes', {
      description: 'The HTTP API’s routes, integrations and Lambda invoke permissions',
    });
  }

  /** The route's own limits on the stage, which must then wait for the route to exist. */
  private throttle(route: DeployedRoute, throttle: RouteThrottle, added: apigw.HttpRoute): void {
    this.routeThrottles[deployedRouteKey(route)] = {
      ThrottlingRateLimit: throttle.rateLimit,
      ThrottlingBurstLimit: throttle.burstLimit,
    };
    this.stage.node.addDependency(added);
  }

  /** The API's URL (the `$default` stage), with a trailing slash. */
  get url(): string {
    return this.stage.url;
  }

  /**
   * The deployed routes of one function through one integration (the
   * topology's operations, most behind `ANY` and greedy routes: see
   * lib/deployed-routes.ts); `auth: 'none'` routes are public.
   */
  addFunction(name: string, handler: lambda.IFunction, routes: readonly DeployedRoute[]): apigw.HttpRoute[] {
    // One invoke permission for the whole API instead of one per route.
    const integration = new HttpLambdaIntegration(`${name}-integration`, handler, {
      scopePermissionToRoute: false,
    });
    return routes.map((route) => {
      const added = new apigw.HttpRoute(this.routes, `${route.method}${route.path}`, {
        httpApi: this.api,
        routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
        integration,
        authorizer: route.auth === 'jwt' ? this.jwt : new apigw.HttpNoneAuthorizer(),
      });
      if (route.auth === 'none') {
        Validations.of(added).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${deployedRouteKey(route)} is public by design (the topology marks it auth: none)`,
        });
      }
      if (route.throttle) this.throttle(route, route.throttle, added);
      return added;
    });
  }
}
