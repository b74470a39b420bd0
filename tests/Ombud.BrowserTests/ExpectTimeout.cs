using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Ombud.BrowserTests;

/// <summary>
/// How long an expectation waits, set once for the whole run: Playwright keeps it process-wide, so a class setting its
/// own left every other class with whichever value was set last (a rule's backtest failed on the 5 s default when it
/// ran without the classes that raised it). A page on a shared 2-core machine under load can take many seconds to
/// answer; a longer wait costs time only when an expectation fails.
/// </summary>
internal static class ExpectTimeout
{
    [ModuleInitializer]
    internal static void Set() => Assertions.SetDefaultExpectTimeout(60_000);
}
