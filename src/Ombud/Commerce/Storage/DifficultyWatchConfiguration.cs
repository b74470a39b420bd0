using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Commerce.Storage;

internal sealed class DifficultyCaseConfiguration : IEntityTypeConfiguration<DifficultyCase>
{
    public void Configure(EntityTypeBuilder<DifficultyCase> builder)
    {
        builder.ToTable("commerce_difficulty_cases");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => c.Status);
        builder.Property(c => c.Market).HasMaxLength(8);
        builder.Property(c => c.Reasons).HasMaxLength(2000);
        builder.Property(c => c.LastContactedBy).HasMaxLength(200);
        builder.Property(c => c.ResolvedBy).HasMaxLength(200);
        builder.Property(c => c.Resolution).HasMaxLength(1000);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId);
    }
}

internal sealed class DifficultyNoticeConfiguration : IEntityTypeConfiguration<DifficultyNotice>
{
    public void Configure(EntityTypeBuilder<DifficultyNotice> builder)
    {
        builder.ToTable("commerce_difficulty_notices");
        builder.HasKey(n => n.Id);
        builder.HasIndex(n => n.CustomerId);
        builder.HasIndex(n => new { n.PlanId, n.Kind });
        builder.Property(n => n.Title).HasMaxLength(200);
        builder.Property(n => n.Body).HasMaxLength(4000);
        builder.Property(n => n.Outcome).HasMaxLength(500);
        builder.HasOne<Customer>().WithMany().HasForeignKey(n => n.CustomerId);
    }
}

internal sealed class DifficultyDisclosureConfiguration : IEntityTypeConfiguration<DifficultyDisclosure>
{
    public void Configure(EntityTypeBuilder<DifficultyDisclosure> builder)
    {
        builder.ToTable("commerce_difficulty_disclosures");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.CustomerId, d.DisclosedAt });
        builder.Property(d => d.Channel).HasMaxLength(40);
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId);
    }
}
