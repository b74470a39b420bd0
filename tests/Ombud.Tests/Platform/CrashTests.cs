using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ombud.Tests.Commerce.Ingestion;
using Ombud.Tests.Support;

namespace Ombud.Tests.Platform;

public sealed class CrashTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Every_acknowledged_order_survives_the_node_being_killed_mid_load(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var env = CliTests.Env(database);
        var key = (await OmbudProcess.RunAsync(env, "apikey", "create", "--name", "feed", "--scope", "ingest")).StandardOutput.TrimEnd().Split('\n')[^1];
        var acknowledged = new ConcurrentBag<Guid>();

        var node = await OmbudProcess.ServeAsync(env);
        using (var http = Client(node.Url!, key))
        {
            var feed = new Feed(http);
            var (customer, merchant) = await feed.CustomerAndMerchantAsync();
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var response = await feed.PostAsync("orders", Feed.Order(customer, merchant));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the node is gone
                    }
                }
            })).ToList();

            // Killed once it has acknowledged some orders, however slow the machine is today, with requests in flight.
            await Eventually.HoldsAsync(() => Task.FromResult(acknowledged.Count >= 20), TimeSpan.FromMinutes(2), "the node acknowledges orders");
            await node.DisposeAsync(); // SIGKILL, requests in flight
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        await using var restarted = await OmbudProcess.ServeAsync(env);
        using var check = Client(restarted.Url!, key);
        Assert.NotEmpty(acknowledged);
        foreach (var id in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await check.GetAsync(new Uri($"/api/v1/orders/{id}", UriKind.Relative))).StatusCode);
        }
    }

    private static HttpClient Client(string url, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
