using Microsoft.EntityFrameworkCore;
using Ombud.Platform;
using Ombud.Commerce.Contracts;
using Ombud.Platform.Outbox;
using Ombud.Platform.Storage;

namespace Ombud.Commerce.Ingestion;

/// <summary>
/// Takes in the provider's customers, merchants, orders, payments and refunds. Each method checks every field,
/// then changes the model through its own methods (schedules, allocation); the caller saves, in one transaction, and
/// answers a clash on a unique key (externalId) with 409.
/// </summary>
internal sealed class CommerceIngestion(OmbudDb db, DomainEvents events, StagedRows rows, DatabaseOptions database, TimeProvider clock, OrderRefunds refunds)
{
    // Whole microseconds: what PostgreSQL keeps, so an answer read back later (an idempotent replay) is the answer given.
    private DateTime Now => clock.GetUtcNow().UtcDateTime.Microseconds();

    public async Task<Outcome<CustomerResponse>> CreateCustomerAsync(CustomerRequest r, CancellationToken ct)
    {
        var v = new Validation()
            .Optional("externalId", r.ExternalId, 100)
            .Require("name", r.Name)
            .Email("email", r.Email)
            .Phone("phone", r.Phone)
            .Locale("locale", r.Locale)
            .Market("market", r.Market)
            .NotInFuture("accountCreatedAt", r.AccountCreatedAt, Now)
            .Address("address", r.Address, required: false);
        if (!v.IsValid)
        {
            return v.ToError();
        }


        var customer = new Customer(Guid.CreateVersion7(Now), r.ExternalId, r.Name!.Trim(), r.Email!.Trim(), r.Phone?.Trim(), r.Locale!, r.Market!,
            r.KycLevel ?? KycLevel.None, r.AccountCreatedAt?.Utc() ?? Now, r.Address.ToAddress(), Now);
        db.Add(customer);
        return CustomerResponse.From(customer, []);
    }

    public async Task<Outcome<MerchantResponse>> CreateMerchantAsync(MerchantRequest r, CancellationToken ct)
    {
        var v = new Validation()
            .Optional("externalId", r.ExternalId, 100)
            .Require("name", r.Name)
            .Require("categoryCode", r.CategoryCode, 4)
            .Check("categoryCode", r.CategoryCode is null || (r.CategoryCode.Length == 4 && r.CategoryCode.All(char.IsAsciiDigit)),
                "A merchant category code is four digits (ISO 18245), e.g. 5732.")
            .Country("country", r.Country)
            .Check("disputeRateBasisPoints", r.DisputeRateBasisPoints is null or >= 0 and <= 10_000, "Between 0 and 10000 basis points.");
        if (!v.IsValid)
        {
            return v.ToError();
        }


        var merchant = new Merchant(Guid.CreateVersion7(Now), r.ExternalId, r.Name!.Trim(), r.CategoryCode!, r.Country!, r.DisputeRateBasisPoints ?? 0, Now);
        db.Add(merchant);
        return MerchantResponse.From(merchant);
    }

    public async Task<Outcome<OrderResponse>> CreateOrderAsync(OrderRequest r, CancellationToken ct)
    {
        var v = OrderChecks.Validate(r, Now);
        // PostgreSQL checks the customer and merchant itself (foreign keys) and its refusal names the field
        // (ReferenceViolation), which saves ingestion's hot path a round trip; SQLite's refusal names none, so look first.
        if (database.IsSqlite && r.CustomerId is { } customerId && r.MerchantId is { } merchantId)
        {
            v.Parties(r, await PartiesAsync([customerId], [merchantId], ct));
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        return PlaceOrder(r);
    }

    /// <summary>
    /// Which of these customers and merchants exist, in one round trip: the hot path of ingestion, and a batch asks
    /// once for all its orders.
    /// </summary>
    public async Task<OrderParties> PartiesAsync(IReadOnlyCollection<Guid> customers, IReadOnlyCollection<Guid> merchants, CancellationToken ct)
    {
        var found = await db.Set<Customer>().Where(c => customers.Contains(c.Id)).Select(c => new { c.Id, IsCustomer = true })
            .Concat(db.Set<Merchant>().Where(m => merchants.Contains(m.Id)).Select(m => new { m.Id, IsCustomer = false }))
            .ToListAsync(ct);
        return new OrderParties([.. found.Where(f => f.IsCustomer).Select(f => f.Id)], [.. found.Where(f => !f.IsCustomer).Select(f => f.Id)]);
    }

    /// <summary>
    /// Places an order whose every field was checked: the schedule from the plan's own rules, the rows staged for the
    /// unit of work's one round trip (no change tracking on this hot path), and <c>order.placed</c> with them.
    /// </summary>
    public OrderResponse PlaceOrder(OrderRequest r)
    {
        var placedAt = r.PlacedAt?.Utc() ?? Now;
        var order = new Order(Guid.CreateVersion7(Now), r.ExternalId, r.CustomerId!.Value, r.MerchantId!.Value, placedAt, r.Currency!,
            r.Lines!.Select(l => new OrderLine(l.Sku!.Trim(), l.Description!.Trim(), l.Quantity, l.UnitPrice)), r.ShippingFee,
            r.BillingAddress.ToAddress()!, (r.ShippingAddress ?? r.BillingAddress).ToAddress()!,
            new OrderContact(r.Email!.Trim(), r.Phone?.Trim(), r.DeviceFingerprint, r.IpAddress), r.Channel ?? SalesChannel.Web, r.PaymentInstrument.ToInstrument());
        order.AttachPlan(PaymentPlan.Schedule(Guid.CreateVersion7(Now), order, r.Plan!.Value, r.FinancingMonths ?? 0, r.AprBasisPoints ?? 0, Now));
        rows.Stage(order);
        events.Publish(OrderPlaced.Type, new OrderPlaced(order.Id, order.CustomerId, order.MerchantId, order.TotalMinor, order.Currency,
            r.Plan!.Value.ToString(), order.Channel.ToString(), r.DeviceFingerprint, r.IpAddress, order.PlacedAt), OrderPlaced.Version);
        return OrderResponse.From(order);
    }

    public async Task<Outcome<PaymentResponse>> CreatePaymentAsync(PaymentRequest r, CancellationToken ct)
    {
        var v = new Validation()
            .Optional("externalId", r.ExternalId, 100)
            .Check("orderId", r.OrderId is not null, "Required.")
            .Currency("currency", r.Currency)
            .NotInFuture("receivedAt", r.ReceivedAt, Now);
        var order = await OrderForMoneyAsync(v, r.OrderId, r.Currency, "a payment towards it", ct);
        v.Amount("amount", r.Amount, order?.Currency ?? r.Currency);

        if (!v.IsValid)
        {
            return v.ToError();
        }


        var payment = new Payment(Guid.CreateVersion7(Now), r.ExternalId, order!, new Money(r.Amount, order!.Currency), r.Method ?? PaymentMethod.Card,
            r.ReceivedAt?.Utc() ?? Now);
        db.Add(payment);
        events.Publish(PaymentReceived.Type, new PaymentReceived(payment.Id, payment.OrderId, payment.CustomerId, payment.AmountMinor,
            payment.OverpaidMinor, payment.Currency, payment.ReceivedAt), PaymentReceived.Version);
        return PaymentResponse.From(payment);
    }

    public async Task<Outcome<RefundResponse>> CreateRefundAsync(RefundRequest r, CancellationToken ct)
    {
        var v = new Validation()
            .Optional("externalId", r.ExternalId, 100)
            .Check("orderId", r.OrderId is not null, "Required.")
            .Currency("currency", r.Currency)
            .Optional("reason", r.Reason, 500);
        var order = await OrderForMoneyAsync(v, r.OrderId, r.Currency, "a refund on it", ct);
        v.Amount("amount", r.Amount, order?.Currency ?? r.Currency);
        if (order is not null && (r.Currency is null || r.Currency == order.Currency) && r.Amount > 0)
        {
            var refundable = await refunds.RefundableAsync(order, ct);
            v.Check("amount", r.Amount <= refundable.Minor, $"At most {refundable} can still be refunded on this order.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var refund = refunds.Issue(order!, new Money(r.Amount, order!.Currency), string.IsNullOrWhiteSpace(r.Reason) ? "refund" : r.Reason.Trim(),
            r.ExternalId, Now);
        return RefundResponse.From(refund);
    }

    /// <summary>The order money moves on, with its plan; an unknown order or another currency is a field error.</summary>
    private async Task<Order?> OrderForMoneyAsync(Validation v, Guid? orderId, string? currency, string what, CancellationToken ct)
    {
        var order = orderId is { } id ? await OrderWithPlanAsync(id, ct) : null;
        if (orderId is not null && order is null)
        {
            v.Add("orderId", $"No order with id '{orderId}'.");
        }
        else if (order is not null && currency is not null && currency != order.Currency)
        {
            v.Add("currency", $"The order is in {order.Currency}; {what} must be too.");
        }

        return order;
    }

    /// <summary>The order with its plan, the plan locked for this transaction: payments and refunds change its instalments.</summary>
    private async Task<Order?> OrderWithPlanAsync(Guid id, CancellationToken ct)
    {
        await db.LockForUpdateAsync<PaymentPlan>(nameof(PaymentPlan.OrderId), id, ct);
        return await db.Set<Order>().Include(o => o.Plan).SingleOrDefaultAsync(o => o.Id == id, ct);
    }
}
