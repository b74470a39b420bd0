using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ombud.Fraud.Rings;

namespace Ombud.Fraud.Storage;

internal sealed class FraudRingConfiguration : IEntityTypeConfiguration<FraudRing>
{
    public void Configure(EntityTypeBuilder<FraudRing> builder)
    {
        builder.ToTable("fraud_rings");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.Key).IsUnique();
        builder.Property(r => r.Key).HasMaxLength(40);
        builder.Property(r => r.SharedKinds).HasMaxLength(200);
        builder.Ignore(r => r.Members);
        builder.Ignore(r => r.Value);
        builder.Ignore(r => r.FraudShare);
    }
}
