using Ombud.Bench.Ingest.Cli;

return await BenchCommand.RunAsync(args);
