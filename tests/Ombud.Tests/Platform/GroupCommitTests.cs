using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Ombud.Platform;
using Ombud.Platform.Audit;
using Ombud.Platform.Storage;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

/// <summary>Work handed in together commits together; one item at fault fails alone, and only it.</summary>
public sealed class GroupCommitTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_refused_or_failing_item_fails_alone_and_the_rest_of_its_batch_is_stored_before_it_is_answered(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var probe = new AuditProbe(app.Services.GetRequiredService<IServiceScopeFactory>());
        string[] items = ["first", "refused", "second", "throws", "third"];
        // Handed in before the probe runs, so all five wait for its first batch, which cannot commit.
        var answers = items.Select(probe.StoreAsync).ToList();
        await probe.StartAsync(CancellationToken.None);
        try
        {
            foreach (var (item, answer) in items.Zip(answers))
            {
                switch (item)
                {
                    case "refused":
                        Assert.Equal("Not this one.", (await answer).Error?.Detail);
                        break;
                    case "throws":
                        await Assert.ThrowsAsync<InvalidOperationException>(() => answer);
                        break;
                    default:
                        Assert.Equal(item, (await answer).Value);
                        // Read from another connection the moment the answer came: stored before it was given.
                        Assert.Equal(1, await StoredAsync(app, item));
                        break;
                }
            }

            Assert.Equal((0, 0), (await StoredAsync(app, "refused"), await StoredAsync(app, "throws")));
        }
        finally
        {
            await probe.StopAsync(CancellationToken.None);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_batch_the_database_gave_way_on_is_run_again_and_none_of_its_callers_hears_of_it(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        // "clashes" is a deadlock's victim the first two times it is staged: in its batch, and again where the batch
        // would go one item at a time without a second try.
        var probe = new AuditProbe(app.Services.GetRequiredService<IServiceScopeFactory>()) { ClashesLeft = 2 };
        string[] items = ["first", "clashes", "second"];
        var answers = items.Select(probe.StoreAsync).ToList();
        await probe.StartAsync(CancellationToken.None);
        try
        {
            foreach (var (item, answer) in items.Zip(answers))
            {
                Assert.Equal(item, (await answer).Value);
                Assert.Equal(1, await StoredAsync(app, item));
            }

            Assert.Equal(0, probe.ClashesLeft);
        }
        finally
        {
            await probe.StopAsync(CancellationToken.None);
        }
    }

    private static Task<int> StoredAsync(OmbudTestApp app, string item) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(a => a.Action == AuditProbe.Action && a.Subject == item));

    /// <summary>Stages an audit entry per item; refuses "refused", throws on "throws" as a bug would, and on "clashes" as a deadlock would.</summary>
    private sealed class AuditProbe(IServiceScopeFactory scopes) : GroupCommit<string, string>(scopes, NullLogger.Instance)
    {
        public const string Action = "test.group-commit";

        public Task<Outcome<string>> StoreAsync(string item) => WithNextCommitAsync(item);

        /// <summary>How many more times "clashes" is chosen as a deadlock's victim (PostgreSQL's 40P01) when it is staged.</summary>
        public int ClashesLeft { get; set; }

        protected override string Subject => "The probe";

        protected override Task<Outcome<string>> StageAsync(IServiceProvider services, string item, CancellationToken ct)
        {
            services.GetRequiredService<AuditLog>().Record("test", Action, item);
            if (item == "clashes" && ClashesLeft > 0)
            {
                ClashesLeft--;
                throw new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);
            }

            return item switch
            {
                "refused" => Task.FromResult<Outcome<string>>(new Conflict("Not this one.")),
                "throws" => throw new InvalidOperationException("A bug in one item's work."),
                _ => Task.FromResult<Outcome<string>>(item),
            };
        }
    }
}
