using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ombud.Marketplace.Surge;

namespace Ombud.Marketplace.Storage;

internal sealed class SurgeStateConfiguration : IEntityTypeConfiguration<SurgeState>
{
    public void Configure(EntityTypeBuilder<SurgeState> builder)
    {
        builder.ToTable("marketplace_surge");
        builder.HasKey(s => s.Market);
        builder.Property(s => s.Market).HasMaxLength(2);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class SurgeCallConfiguration : IEntityTypeConfiguration<SurgeCall>
{
    public void Configure(EntityTypeBuilder<SurgeCall> builder)
    {
        builder.ToTable("marketplace_surge_calls");
        builder.HasKey(c => c.AgentId);
        builder.HasOne<Agent>().WithOne().HasForeignKey<SurgeCall>(c => c.AgentId).OnDelete(DeleteBehavior.Cascade);
    }
}
