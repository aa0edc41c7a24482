/**
 * `@Public()` marks a controller or handler that answers without a token. Everything else is protected:
 * being public is an explicit, reviewable decision on the route itself, never a property of its path.
 */
import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'stock-sync:public-route';

export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);
