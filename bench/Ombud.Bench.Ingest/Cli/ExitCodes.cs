namespace Ombud.Bench.Ingest.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run could not produce figures: the target refused the setup, or no order went through.</summary>
    public const int Failed = 1;

    public const int BadArguments = 2;

    /// <summary>Ctrl+C: the figures so far are printed, but a script must not take them for a full run.</summary>
    public const int Interrupted = 130;
}
