namespace Ombud.Commerce;

/// <summary>A shopper said they struggle to pay (in the chat); one of the signs the daily watch reads.</summary>
public sealed class DifficultyDisclosure
{
    private DifficultyDisclosure()
    {
    }

    internal DifficultyDisclosure(Guid id, Guid customerId, string channel, DateTime at)
    {
        Id = id;
        CustomerId = customerId;
        Channel = channel;
        DisclosedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid CustomerId { get; private set; }

    /// <summary>Where it was said, e.g. <c>chat</c>.</summary>
    public string Channel { get; private set; } = "";

    public DateTime DisclosedAt { get; private set; }
}
