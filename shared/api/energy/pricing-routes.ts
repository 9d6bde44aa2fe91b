import * as z from 'zod';
import { idSchema } from '#api/common/common-schemas';
import { defineRoute } from '#http/route';
import {
  createProductBody,
  priceEntrySchema,
  priceListPage,
  priceListSchema,
  priceListsQuery,
  priceQuery,
  productListQuery,
  productPage,
  productSchema,
  publishPriceListBody,
  updateProductBody,
} from './pricing-schemas';

const productParams = z.object({ productId: idSchema });
const readErrors = [400, 401, 403, 404] as const;
const createErrors = [400, 401, 403, 409, 415, 422] as const;
const updateErrors = [400, 401, 403, 404, 409, 412, 415, 428] as const;

/**
 * The pricing module: products and their versioned price lists (R-SP-5).
 * The catalogue is admin-only, like price lists and territories; every role reads it.
 */
export const pricingRoutes = {
  createProduct: defineRoute({
    operationId: 'createProduct',
    method: 'POST',
    path: '/v1/products',
    summary: 'Create a product',
    tag: 'Pricing',
    permission: 'admin',
    body: createProductBody,
    idempotent: true,
    success: { status: 201, description: 'The product', schema: productSchema },
    errors: createErrors,
  }),
  listProducts: defineRoute({
    operationId: 'listProducts',
    method: 'GET',
    path: '/v1/products',
    summary: 'List products by name',
    tag: 'Pricing',
    permission: 'read',
    query: productListQuery,
    success: { status: 200, description: 'A page of products', schema: productPage },
    errors: readErrors,
  }),
  getProduct: defineRoute({
    operationId: 'getProduct',
    method: 'GET',
    path: '/v1/products/{productId}',
    summary: 'Read a product',
    tag: 'Pricing',
    permission: 'read',
    params: productParams,
    etag: true,
    success: { status: 200, description: 'The product', schema: productSchema },
    errors: readErrors,
  }),
  updateProduct: defineRoute({
    operationId: 'updateProduct',
    method: 'PATCH',
    path: '/v1/products/{productId}',
    summary: 'Change a product',
    tag: 'Pricing',
    permission: 'admin',
    params: productParams,
    body: updateProductBody,
    ifMatch: 'required',
    etag: true,
    success: { status: 200, description: 'The changed product', schema: productSchema },
    errors: updateErrors,
  }),
  publishPriceList: defineRoute({
    operationId: 'publishPriceList',
    method: 'POST',
    path: '/v1/products/{productId}/price-lists',
    summary: 'Publish the next price list of a product (admins)',
    tag: 'Pricing',
    permission: 'admin',
    params: productParams,
    body: publishPriceListBody,
    idempotent: true,
    success: { status: 201, description: 'The published price list', schema: priceListSchema },
    errors: [...createErrors, 404],
  }),
  listPriceLists: defineRoute({
    operationId: 'listPriceLists',
    method: 'GET',
    path: '/v1/products/{productId}/price-lists',
    summary: 'Price lists of a product, newest version first',
    tag: 'Pricing',
    permission: 'read',
    params: productParams,
    query: priceListsQuery,
    success: { status: 200, description: 'A page of price lists', schema: priceListPage },
    errors: readErrors,
  }),
  getPrice: defineRoute({
    operationId: 'getPrice',
    method: 'GET',
    path: '/v1/products/{productId}/price',
    summary: 'The price of a product in a territory and consumption band on a day',
    tag: 'Pricing',
    permission: 'read',
    params: productParams,
    query: priceQuery,
    success: { status: 200, description: 'The price that applies', schema: priceEntrySchema },
    errors: readErrors,
  }),
} as const;
