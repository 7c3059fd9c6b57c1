// The floor: a stock botbuilder echo bot (CloudAdapter + restify + ActivityHandler), nothing else.
// Run as a child of bench/run-bench.ts; listens on a free loopback port and reports it over IPC.
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import type { AddressInfo } from 'node:net';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})); // no app id: auth off
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`Echo: ${context.activity.text}`);
  await next();
});

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
const handle = async (req: restify.Request, res: restify.Response) => adapter.process(req, res, (context) => bot.run(context));
server.post('/api/messages', handle);
server.post('/api/brands/:brandId/messages', handle);

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
