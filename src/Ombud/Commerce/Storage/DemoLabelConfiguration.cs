using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Ombud.Commerce.DemoWorld;

namespace Ombud.Commerce.Storage;

internal sealed class DemoLabelConfiguration : IEntityTypeConfiguration<DemoLabel>
{
    public void Configure(EntityTypeBuilder<DemoLabel> builder)
    {
        builder.ToTable("commerce_demo_labels");
        builder.HasKey(l => l.Id);
        builder.HasIndex(l => l.OrderId);
        builder.Property(l => l.Group).HasMaxLength(100);
    }
}
