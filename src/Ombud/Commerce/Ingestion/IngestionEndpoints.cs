using Microsoft.AspNetCore.Http.HttpResults;
using Ombud.Platform.Auth;
using Ombud.Platform.Http;
using Ombud.Platform.Idempotency;

namespace Ombud.Commerce.Ingestion;

/// <summary>The provider's feed under <c>/api/v1</c>: create, get and list, with keys scoped <c>ingest</c>.</summary>
internal static class IngestionEndpoints
{
    public static void MapIngestion(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Ingest).WithTags("Ingestion").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/customers", (CustomerRequest body, HttpContext http, IdempotentRequests idem, CommerceIngestion ingest, CommerceReads reads) =>
            idem.RunAsync(http, body, ct => ingest.CreateCustomerAsync(body, ct), c => $"/api/v1/customers/{c.Id}", ById(reads.CustomerAsync)))
            .Produces<CustomerResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/customers/{id:guid}", async Task<IResult> (Guid id, CommerceReads reads, CancellationToken ct) =>
            await reads.CustomerAsync(id, ct) is { } c ? TypedResults.Ok(c) : new Platform.NotFound("customer", id.ToString()).ToProblem())
            .Produces<CustomerResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/customers", (string? cursor, int? limit, CommerceReads reads, CancellationToken ct) =>
            Paged(cursor, limit, (after, take) => reads.CustomersAsync(after, take, ct)));

        api.MapPost("/merchants", (MerchantRequest body, HttpContext http, IdempotentRequests idem, CommerceIngestion ingest, CommerceReads reads) =>
            idem.RunAsync(http, body, ct => ingest.CreateMerchantAsync(body, ct), m => $"/api/v1/merchants/{m.Id}", ById(reads.MerchantAsync)))
            .Produces<MerchantResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/merchants/{id:guid}", async Task<IResult> (Guid id, CommerceReads reads, CancellationToken ct) =>
            await reads.MerchantAsync(id, ct) is { } m ? TypedResults.Ok(m) : new Platform.NotFound("merchant", id.ToString()).ToProblem())
            .Produces<MerchantResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/merchants", (string? cursor, int? limit, CommerceReads reads, CancellationToken ct) =>
            Paged(cursor, limit, (after, take) => reads.MerchantsAsync(after, take, ct)));

        api.MapPost("/orders", (OrderRequest body, HttpContext http, IdempotentRequests idem, CommerceIngestion ingest, CommerceReads reads) =>
            idem.RunAsync(http, body, ct => ingest.CreateOrderAsync(body, ct), o => $"/api/v1/orders/{o.Id}", ById(reads.OrderAsync)))
            .Produces<OrderResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/orders/batch", (OrderBatchRequest body, HttpContext http, IdempotentRequests idem, OrderBatches batches) =>
            idem.RunAsync(http, body, ct => batches.PlaceAsync(IdempotentRequests.CallerOf(http), body, ct)))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(OrderBatches.MaxBodyBytes))
            .WithSummary($"Places up to {OrderBatches.MaxOrders} orders in one call, each on its own")
            .WithDescription($"Each order is validated on its own: the valid ones are stored (in one transaction), the others refused, and the "
                             + "answer lists every order in the order sent: created, existed (its idempotencyKey was used before with the same "
                             + "order, nothing stored again) or refused with its problem, errors keyed by the field's path in the batch "
                             + "(orders[3].order.lines[0].quantity). The batch as a whole is idempotent by the Idempotency-Key header. "
                             + $"An empty batch or one of more than {OrderBatches.MaxOrders} orders is a 400; a clash with a request racing this one "
                             + "stores nothing (409: retry the batch).")
            .Produces<OrderBatchResponse>().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/orders/{id:guid}", async Task<IResult> (Guid id, CommerceReads reads, CancellationToken ct) =>
            await reads.OrderAsync(id, ct) is { } o ? TypedResults.Ok(o) : new Platform.NotFound("order", id.ToString()).ToProblem())
            .Produces<OrderResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/orders", (string? cursor, int? limit, Guid? customerId, Guid? merchantId, CommerceReads reads, CancellationToken ct) =>
            Paged(cursor, limit, (after, take) => reads.OrdersAsync(after, take, customerId, merchantId, ct)));

        api.MapPost("/orders/{id:guid}/shipment", (Guid id, ShipmentRequest body, HttpContext http, IdempotentRequests idem, OrderProgress progress) =>
            idem.RunAsync(http, body, ct => progress.ShipAsync(id, body, ct), o => $"/api/v1/orders/{o.Id}"))
            .Produces<OrderResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/orders/{id:guid}/delivery", (Guid id, DeliveryRequest body, HttpContext http, IdempotentRequests idem, OrderProgress progress) =>
            idem.RunAsync(http, body, ct => progress.DeliverAsync(id, body, ct), o => $"/api/v1/orders/{o.Id}"))
            .Produces<OrderResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/orders/{id:guid}/return", (Guid id, ReturnRequest body, HttpContext http, IdempotentRequests idem, OrderProgress progress) =>
            idem.RunAsync(http, body, ct => progress.ReturnAsync(id, body, ct), o => $"/api/v1/orders/{o.Id}"))
            .Produces<OrderResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/orders/{id:guid}/cancellation", (Guid id, HttpContext http, IdempotentRequests idem, OrderProgress progress) =>
            idem.RunAsync(http, id, ct => progress.CancelAsync(id, ct), o => $"/api/v1/orders/{o.Id}"))
            .Produces<OrderResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/payments", (PaymentRequest body, HttpContext http, IdempotentRequests idem, CommerceIngestion ingest, CommerceReads reads) =>
            idem.RunAsync(http, body, ct => ingest.CreatePaymentAsync(body, ct), p => $"/api/v1/payments/{p.Id}", ById(reads.PaymentAsync)))
            .Produces<PaymentResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/payments/{id:guid}", async Task<IResult> (Guid id, CommerceReads reads, CancellationToken ct) =>
            await reads.PaymentAsync(id, ct) is { } p ? TypedResults.Ok(p) : new Platform.NotFound("payment", id.ToString()).ToProblem())
            .Produces<PaymentResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/payments", (string? cursor, int? limit, Guid? orderId, CommerceReads reads, CancellationToken ct) =>
            Paged(cursor, limit, (after, take) => reads.PaymentsAsync(after, take, orderId, ct)));

        api.MapPost("/refunds", (RefundRequest body, HttpContext http, IdempotentRequests idem, CommerceIngestion ingest, CommerceReads reads) =>
            idem.RunAsync(http, body, ct => ingest.CreateRefundAsync(body, ct), r => $"/api/v1/refunds/{r.Id}", ById(reads.RefundAsync)))
            .Produces<RefundResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/refunds/{id:guid}", async Task<IResult> (Guid id, CommerceReads reads, CancellationToken ct) =>
            await reads.RefundAsync(id, ct) is { } r ? TypedResults.Ok(r) : new Platform.NotFound("refund", id.ToString()).ToProblem())
            .Produces<RefundResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/refunds", (string? cursor, int? limit, Guid? orderId, CommerceReads reads, CancellationToken ct) =>
            Paged(cursor, limit, (after, take) => reads.RefundsAsync(after, take, orderId, ct)));
    }

    /// <summary>Reads a created resource back from its location, for an idempotent replay (the record keeps no body).</summary>
    private static Func<string, CancellationToken, Task<T?>> ById<T>(Func<Guid, CancellationToken, Task<T?>> read) =>
        (location, ct) => Guid.TryParse(location.AsSpan(location.LastIndexOf('/') + 1), out var id) ? read(id, ct) : Task.FromResult<T?>(default);

    private static async Task<Results<Ok<Page<T>>, ValidationProblem>> Paged<T>(string? cursor, int? limit,
        Func<Guid?, int, Task<Page<T>>> list)
    {
        var take = limit ?? Cursor.DefaultLimit;
        if (take is < 1 or > Cursor.MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"Between 1 and {Cursor.MaxLimit}."] });
        }

        if (!Cursor.TryParse(cursor, out var after))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = [Cursor.NotACursor] });
        }

        return TypedResults.Ok(await list(after, take));
    }
}
