using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ombud.Tests.Platform.Webhooks;

/// <summary>One webhook request as the receiver got it: headers (lower-case names) and the raw body.</summary>
internal sealed record CapturedWebhook(IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Id => Headers["webhook-id"];

    public long Timestamp => long.Parse(Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A merchant's webhook receiver: a real Kestrel server on 127.0.0.1 and a free port, which keeps every request and
/// answers with the statuses it was told to (200 once those run out).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();
    private readonly List<CapturedWebhook> _captured = [];

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public IReadOnlyList<CapturedWebhook> Captured
    {
        get
        {
            lock (_captured)
            {
                return [.. _captured];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hooks/ombud", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            lock (receiver!._captured)
            {
                receiver._captured.Add(new CapturedWebhook(headers, body));
            }

            var status = receiver._answers.TryDequeue(out var scripted) ? scripted : 200;
            return Results.Text(status < 300 ? "thanks" : "receiver is down for maintenance", statusCode: status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(new Uri(address), "/hooks/ombud"));
        return receiver;
    }

    /// <summary>The next requests get these statuses, in order.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    /// <summary>Waits (calling <paramref name="nudge"/> between looks) until <paramref name="count"/> requests have come.</summary>
    public async Task<IReadOnlyList<CapturedWebhook>> WaitForAsync(int count, Func<Task> nudge)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (Captured.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The receiver got {Captured.Count} webhooks, expected {count}.");
            await nudge();
            await Task.Delay(50);
        }

        return Captured;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
