using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Ombud.Platform.Realtime;

/// <summary>
/// With a Redis backplane, a node that cannot reach Redis would drop real-time messages for clients on other nodes,
/// so it is not ready. One connection is kept for the probe; it reconnects by itself when Redis comes back.
/// </summary>
internal sealed class RedisReadiness(string configuration) : IHealthCheck, IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection = new(() =>
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2_000;
        return ConnectionMultiplexer.Connect(options);
    });

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await _connection.Value.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.0} ms.");
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Unhealthy("Redis, the real-time backplane, does not answer.", e);
        }
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }
}
