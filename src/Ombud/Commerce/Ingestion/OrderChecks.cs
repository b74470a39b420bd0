using Ombud.Platform;

namespace Ombud.Commerce.Ingestion;

/// <summary>The field rules of an order: lines, amounts, addresses, plan.</summary>
internal static class OrderChecks
{
    public const int MaxLines = 100;

    public static Validation Validate(OrderRequest r, DateTime now)
    {
        var v = new Validation()
            .Optional("externalId", r.ExternalId, 100)
            .Check("customerId", r.CustomerId is not null, "Required.")
            .Check("merchantId", r.MerchantId is not null, "Required.")
            .Currency("currency", r.Currency)
            .NotInFuture("placedAt", r.PlacedAt, now)
            .AmountOrZero("shippingFee", r.ShippingFee, r.Currency)
            .Address("billingAddress", r.BillingAddress, required: true)
            .Address("shippingAddress", r.ShippingAddress, required: false)
            .Email("email", r.Email)
            .Phone("phone", r.Phone)
            .Optional("deviceFingerprint", r.DeviceFingerprint, 128)
            .IpAddress("ipAddress", r.IpAddress)
            .Instrument("paymentInstrument", r.PaymentInstrument)
            .Check("plan", r.Plan is not null, "Required: payIn4, payIn30Days or financing.");
        if (r.Plan == PlanKind.Financing)
        {
            v.Check("financingMonths", r.FinancingMonths is >= 3 and <= 60, "Financing runs 3 to 60 months.")
                .Check("aprBasisPoints", r.AprBasisPoints is null or >= 0 and <= 5_000, "Between 0 and 5000 basis points (50 %).");
        }
        else
        {
            v.Check("financingMonths", r.FinancingMonths is null, "Only a financing plan has months.")
                .Check("aprBasisPoints", r.AprBasisPoints is null or 0, "Only a financing plan carries interest.");
        }

        return Lines(v, r);
    }

    /// <summary>The order's customer and merchant must exist already.</summary>
    public static Validation Parties(this Validation v, OrderRequest r, OrderParties known) =>
        v.Check("customerId", r.CustomerId is not { } c || known.Customers.Contains(c), $"No customer with id '{r.CustomerId}'. Create the customer first.")
            .Check("merchantId", r.MerchantId is not { } m || known.Merchants.Contains(m), $"No merchant with id '{r.MerchantId}'. Create the merchant first.");

    private static Validation Lines(Validation v, OrderRequest r)
    {
        if (r.Lines is null || r.Lines.Count == 0)
        {
            return v.Add("lines", "An order has at least one line.");
        }

        if (r.Lines.Count > MaxLines)
        {
            return v.Add("lines", $"At most {MaxLines} lines.");
        }

        long total = r.ShippingFee > 0 && r.ShippingFee <= Money.MaxMinor(r.Currency) ? r.ShippingFee : 0;
        for (var i = 0; i < r.Lines.Count; i++)
        {
            var line = r.Lines[i];
            var at = $"lines[{i}]";
            if (line is null)
            {
                v.Add(at, "Required.");
                continue;
            }

            v.Require($"{at}.sku", line.Sku, 64)
                .Require($"{at}.description", line.Description, 300)
                .Check($"{at}.quantity", line.Quantity is >= 1 and <= 10_000, "Between 1 and 10000.")
                .Check($"{at}.unitPrice", line.UnitPrice is >= 0 and <= 100_000_000_000, "A whole number of minor units from 0 to 100000000000.");
            if (line.Quantity is >= 1 and <= 10_000 && line.UnitPrice is >= 0 and <= 100_000_000_000)
            {
                total += line.Quantity * line.UnitPrice;
            }
        }

        return total <= 0 ? v.Add("lines", "The order total must be above zero.") : v.Amount("lines", total, r.Currency);
    }
}

/// <summary>Which of the customers and merchants some orders name exist.</summary>
internal sealed record OrderParties(HashSet<Guid> Customers, HashSet<Guid> Merchants);
