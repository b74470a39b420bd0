using Microsoft.EntityFrameworkCore;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

public sealed class MigrationTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task The_migrations_of_each_provider_match_the_model(Provider provider)
    {
        // Empty, not a migrated copy: the host's own start-up applies every migration here.
        await using var database = await TestDatabase.CreateEmptyAsync(provider);
        await using var app = await OmbudTestApp.StartOnAsync(database, OmbudTestApp.DefaultStart);

        var pending = await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, $"The model has changes no {provider} migration covers: add one with dotnet ef migrations add (see docs/operations.md).");
    }
}
