using Ombud.Disputes.Evidence;
using Ombud.Platform;

namespace Ombud.Disputes.Api;

/// <summary>A shopper's "report a problem" on an own order: all of it by default, or one line, or part of an amount (minor units).</summary>
public sealed record ProblemReportRequest(Guid? OrderId, DisputeReason? Reason, string? Description, int? LineNumber = null, long? Amount = null)
{
    internal Invalid? Check()
    {
        var v = new Validation();
        if (OrderId is null)
        {
            v.Add("orderId", "Required.");
        }

        if (Reason is null)
        {
            v.Add("reason", "Required: refundNotProcessed, goodsOrServiceNotReceived, defectiveOrNotAsDescribed, incorrectAmount, unauthorisedPurchase or other.");
        }

        return v.IsValid ? null : v.ToError();
    }
}

/// <summary>The shopper sent the goods back with this carrier and tracking number.</summary>
public sealed record ReturnRegistration(string? Carrier, string? TrackingNumber)
{
    internal Invalid? Check()
    {
        var v = new Validation().Require("carrier", Carrier, 50).Require("trackingNumber", TrackingNumber, 100);
        return v.IsValid ? null : v.ToError();
    }
}

/// <summary>An optional note with a shopper's move (settled with the store, withdrawn).</summary>
public sealed record DisputeNote(string? Note)
{
    internal Invalid? Check()
    {
        var v = new Validation().Optional("note", Note, 4000);
        return v.IsValid ? null : v.ToError();
    }
}

/// <summary>The merchant accepts the loss: in full, or a partial refund in minor units of the dispute's currency.</summary>
public sealed record LossAcceptance(long? Refund = null, string? Note = null)
{
    internal Invalid? Check()
    {
        var v = new Validation().Optional("note", Note, 4000);
        return v.IsValid ? null : v.ToError();
    }
}

/// <summary>The store writes to the shopper in the store period, to settle.</summary>
public sealed record StoreMessage(string? Text)
{
    internal Invalid? Check()
    {
        var v = new Validation().Require("text", Text, 4000);
        return v.IsValid ? null : v.ToError();
    }
}

/// <summary>The store refunds part or all of the disputed amount in the store period (amount in minor units of the dispute's currency), with an optional message.</summary>
public sealed record StoreRefund(long? Amount, string? Message = null)
{
    internal Invalid? Check()
    {
        var v = new Validation().Optional("message", Message, 4000);
        if (Amount is null)
        {
            v.Add("amount", "Required: the refund in minor units of the dispute's currency, e.g. 15000 for 150.00 SEK.");
        }

        return v.IsValid ? null : v.ToError();
    }
}

/// <summary>The merchant appeals a preliminary loss, saying why.</summary>
public sealed record MerchantAppeal(string? Text);

/// <summary>Who a staff decision is for.</summary>
public enum DisputeWinner
{
    Merchant,
    Shopper,
}

/// <summary>A staff decision: for whom, the detailed outcome, an optional partial refund (minor units) and the explanation the parties read.</summary>
public sealed record StaffDecision(DisputeWinner? Winner, DisputeOutcomeDetail? Detail, long? Refund = null, string? Explanation = null)
{
    internal Outcome<DisputeDecision> ToDecision(string currency)
    {
        var v = new Validation().Require("explanation", Explanation, 4000);
        if (Winner is null)
        {
            v.Add("winner", "Required: merchant or shopper.");
        }

        if (Detail is null)
        {
            v.Add("detail", "Required, e.g. evidenceCompelling, insufficientProofOfDelivery, appealUpheld, appealRejected.");
        }

        if (Winner == DisputeWinner.Merchant && Refund is not null)
        {
            v.Add("refund", "A decision for the merchant refunds nothing.");
        }

        return v.IsValid
            ? new DisputeDecision(Winner == DisputeWinner.Merchant, Detail!.Value, Refund is { } minor ? new Money(minor, currency) : null,
                Explanation: Explanation!.Trim())
            : v.ToError();
    }
}

/// <summary>The provider flags an order as a high-risk purchase: the merchant must stop delivery or respond within 96 hours.</summary>
public sealed record HighRiskRaise(Guid? OrderId, string? Description)
{
    internal Invalid? Check()
    {
        var v = new Validation().Optional("description", Description, 4000);
        if (OrderId is null)
        {
            v.Add("orderId", "Required.");
        }

        return v.IsValid ? null : v.ToError();
    }
}

/// <summary>What identifies an upload for idempotency: its fields and its files' names, types and hashes (not the bytes).</summary>
public sealed record EvidenceSubmission(string? Text, string? Carrier, string? TrackingNumber, IReadOnlyList<EvidenceUpload> Files)
{
    internal Invalid? Check()
    {
        var v = new Validation().Require("text", Text, 4000).Optional("carrier", Carrier, 50).Optional("trackingNumber", TrackingNumber, 100);
        if (string.IsNullOrWhiteSpace(Carrier) != string.IsNullOrWhiteSpace(TrackingNumber))
        {
            v.Add(string.IsNullOrWhiteSpace(Carrier) ? "carrier" : "trackingNumber", "Proof of shipment needs both the carrier and the tracking number.");
        }

        return v.IsValid ? null : v.ToError();
    }
}

/// <summary>A shopper's information: text, files or both.</summary>
public sealed record InformationSubmission(string? Text, IReadOnlyList<EvidenceUpload> Files);
