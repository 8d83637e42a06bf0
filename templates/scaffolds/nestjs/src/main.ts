// Chat2Desk webhook handler on NestJS: POST /webhooks/chat2desk, GET /stats (for the contract suite).
import {
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  Module,
  Post,
  type RawBodyRequest,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { acceptEvent, checkChat2DeskSignature, requireApiToken, stats, toleranceSeconds } from './chat2desk-webhook.js';

// #region signature-guard
/** Refuses a request whose X-Signature is not Chat2Desk's: @UseGuards(Chat2DeskSignatureGuard) on the route. */
@Injectable()
export class Chat2DeskSignatureGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    // The signature covers the bytes as sent: rawBody (NestFactory.create(..., { rawBody: true })), not the parsed body.
    const req = context.switchToHttp().getRequest<RawBodyRequest<Request>>();
    const refused = checkChat2DeskSignature(req.rawBody ?? Buffer.alloc(0), req.get('x-signature'), req.get('x-timestamp'), process.env.CHAT2DESK_API_TOKEN, toleranceSeconds());
    if (refused) throw new UnauthorizedException({ ok: false, error: refused });
    return true;
  }
}
// #endregion

@Controller()
class WebhookController {
  @Post('webhooks/chat2desk')
  @UseGuards(Chat2DeskSignatureGuard)
  receive(@Req() req: RawBodyRequest<Request>, @Res({ passthrough: true }) res: Response) {
    const answer = acceptEvent(req.rawBody ?? Buffer.alloc(0));
    res.status(answer.status);
    return answer.body;
  }

  @Get('stats')
  stats() {
    return stats;
  }
}

@Module({ controllers: [WebhookController] })
class AppModule {}

requireApiToken();
// rawBody keeps the bytes of JSON bodies (Chat2Desk sends application/json) beside the parsed value.
const app = await NestFactory.create<NestExpressApplication>(AppModule, { rawBody: true, logger: ['error', 'warn'] });
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1'; // HOST=0.0.0.0 in a container
await app.listen(port, host);
console.log(`Chat2Desk webhooks on http://${host}:${port}/webhooks/chat2desk`);
