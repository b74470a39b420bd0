using Spectre.Console;

namespace Ombud.Bench.Ingest.Progress;

internal static class ProgressViews
{
    /// <summary>
    /// With --json, stdout carries only the figures so it can be piped to jq; progress moves to stderr. Either way a
    /// bar is drawn only where a person is watching, plain lines anywhere else.
    /// </summary>
    public static IProgressView For(bool json)
    {
        var writer = json ? Console.Error : Console.Out;
        var redirected = json ? Console.IsErrorRedirected : Console.IsOutputRedirected;
        if (redirected)
        {
            return new PlainProgressView(writer);
        }

        // Spectre detects a terminal by looking at stdout; with --json the bar is on stderr, so say so outright.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        return new SpectreProgressView(console);
    }
}
