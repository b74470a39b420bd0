using Npgsql;
using Ombud.Platform.Storage;

namespace Ombud.Tests.Platform;

/// <summary>What Ombud adds to a PostgreSQL connection string, and that an operator's own setting wins.</summary>
public sealed class PostgresSettingsTests
{
    [Fact]
    public void Statements_are_prepared_and_connections_return_without_a_reset_unless_the_operator_says_otherwise()
    {
        var added = new NpgsqlConnectionStringBuilder(StorageSetup.WithPreparedStatements("Host=db;Database=ombud"));
        Assert.Equal((64, true), (added.MaxAutoPrepare, added.NoResetOnClose));

        var own = new NpgsqlConnectionStringBuilder(
            StorageSetup.WithPreparedStatements("Host=db;Database=ombud;Max Auto Prepare=8;No Reset On Close=false"));
        Assert.Equal((8, false), (own.MaxAutoPrepare, own.NoResetOnClose));

        var ownSpelling = new NpgsqlConnectionStringBuilder(StorageSetup.WithPreparedStatements("Host=db;Database=ombud;noresetonclose=false"));
        Assert.False(ownSpelling.NoResetOnClose);
    }
}
