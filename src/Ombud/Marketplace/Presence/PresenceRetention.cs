using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ombud.Marketplace.Pay;
using Ombud.Platform.Privacy;
using Ombud.Platform.Storage;

namespace Ombud.Marketplace.Presence;

/// <summary>
/// The presence log is kept <see cref="PayOptions.PresenceLogDays"/>: it is when a person worked, read by the hourly floor
/// and by anyone checking a period's pay, and no longer needed after. Each agent's last change before the cut is kept,
/// since it is what says whether they were online when the kept history starts.
/// </summary>
internal sealed class PresenceRetention(OmbudDb db, IOptions<PayOptions> options) : IRetentionRule
{
    private const int Batch = 500;

    public string Name => "presence";

    public async Task<RetentionPass> ApplyAsync(DateTime now, CancellationToken ct)
    {
        var cut = now.AddDays(-options.Value.PresenceLogDays);
        var log = db.Set<PresenceChange>();
        var old = await log.Where(p => p.At < cut && log.Any(later => later.AgentId == p.AgentId && later.At < cut && later.At > p.At))
            .OrderBy(p => p.At).Take(Batch + 1).ToListAsync(ct);
        db.RemoveRange(old.Take(Batch));
        return new RetentionPass(Math.Min(old.Count, Batch), old.Count > Batch);
    }
}
