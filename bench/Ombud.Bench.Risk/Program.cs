// Risk decisions on demand against a running node (POST /api/v1/risk/score for stored orders, from N concurrent
// callers), or in process (the rules and the model on precomputed features).
//   ombud-bench-risk --url <url> [--key <key>] [--callers 16] [--seconds 30] [--warmup 5] [--orders 2000] [--wait-model 0] [--json]
//   ombud-bench-risk <url> <key> [callers] [seconds] [orders]       (the older positional form)
//   ombud-bench-risk rules [model.zip] [orders=50000]
if (args.Length > 0 && args[0] == "rules")
{
    return Ombud.Bench.Risk.RulesMode.Run(args[1..]);
}

return await Ombud.Bench.Risk.HttpMode.RunAsync(args);
