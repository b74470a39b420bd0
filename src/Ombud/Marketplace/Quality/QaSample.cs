using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Marketplace.Pay;
using Ombud.Platform.Events;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Quality;

/// <summary>
/// Draws wrapped-up conversations for staff review: a share of <see cref="PayOptions.QaSamplePerMille"/>, chosen by the
/// conversation's id alone (a hash), so the draw is the same on every node and on every replay, and an agent cannot
/// tell which of theirs will be drawn.
/// </summary>
internal sealed class QaSample(OmbudDb db, IOptions<PayOptions> options, TimeProvider clock) : IEventHandler
{
    public const string Subscriber = "marketplace.quality.sample";

    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        var wrapped = message.Read<ConversationWrappedUp>();
        if (IsDrawn(wrapped.ConversationId, options.Value.QaSamplePerMille)
            && !await db.Set<QaReview>().AnyAsync(r => r.ConversationId == wrapped.ConversationId, ct))
        {
            db.Add(new QaReview(wrapped.ConversationId, wrapped.AgentId, wrapped.Resolution, wrapped.WrappedUpAt, clock.GetUtcNow().UtcDateTime));
        }
    }

    /// <summary>Whether the conversation falls in the sample of <paramref name="perMille"/> per thousand.</summary>
    public static bool IsDrawn(Guid conversationId, int perMille)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(conversationId.ToByteArray(), hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash) % 1000 < perMille;
    }
}
