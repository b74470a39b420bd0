using Ombud.Commerce;
using Ombud.Disputes;
using Ombud.Platform.Http;

namespace Ombud.Tests.Platform;

public sealed class EnumNamesTests
{
    [Theory]
    [InlineData("closed", DisputeState.Closed)]
    [InlineData("PreArbitration", DisputeState.PreArbitration)]
    [InlineData("prearbitration", DisputeState.PreArbitration)]
    public void A_name_in_any_case_is_read(string text, DisputeState expected)
    {
        Assert.True(EnumNames.TryParse<DisputeState>(text, out var state));
        Assert.Equal(expected, state);
    }

    [Theory]
    [InlineData("payIn4", PlanKind.PayIn4)]
    [InlineData("PAYIN30DAYS", PlanKind.PayIn30Days)]
    public void A_name_with_a_digit_in_it_is_read_too(string text, PlanKind expected)
    {
        Assert.True(EnumNames.TryParse<PlanKind>(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("99")]
    [InlineData("closed,reported")]
    [InlineData("closed2")]
    [InlineData(" closed")]
    [InlineData("nonsense")]
    public void Numbers_lists_and_unknown_names_are_refused(string? text)
    {
        Assert.False(EnumNames.TryParse<DisputeState>(text, out _));
    }
}
