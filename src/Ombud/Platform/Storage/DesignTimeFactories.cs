using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ombud.Platform.Storage;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteOmbudDb</c> build the model without starting the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOmbudDb>
{
    public SqliteOmbudDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOmbudDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresOmbudDb>
{
    public PostgresOmbudDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresOmbudDb>().UseNpgsql("Host=localhost;Database=ombud_design").Options);
}
