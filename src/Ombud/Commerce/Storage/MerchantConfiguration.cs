using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ombud.Commerce.Storage;

internal sealed class MerchantConfiguration : IEntityTypeConfiguration<Merchant>
{
    public void Configure(EntityTypeBuilder<Merchant> builder)
    {
        builder.ToTable("commerce_merchants");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.ExternalId).HasMaxLength(100);
        builder.HasIndex(m => m.ExternalId).IsUnique();
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.CategoryCode).HasMaxLength(4);
        builder.Property(m => m.Country).HasMaxLength(2);
    }
}
