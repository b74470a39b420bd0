using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ombud.Disputes;
using Ombud.Disputes.Evidence;
using Ombud.Tests.Disputes.Http;
using Ombud.Tests.Support;

namespace Ombud.Tests.Security;

/// <summary>
/// Finding 2: a page on another origin (here another port of the same host) cannot use the shopper's cookie: not to
/// open the assistant hub, not to start a conversation or queue a hand-off, not to upload to her dispute.
/// </summary>
public sealed class CrossOriginTests
{
    private const string Assistant = "/api/v1/assistant/conversations";
    private const string OtherPort = "http://localhost:5081";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Another_origin_gets_nothing_from_the_shoppers_cookie(Provider provider)
    {
        await using var app = await OmbudTestApp.StartAsync(provider);
        var parties = await DisputeParties.OpenAsync(app);
        var shop = await parties.ShopAsync();
        var dispute = await parties.ReportAsync(shop, DisputeReason.DefectiveOrNotAsDescribed);

        using var browser = new Web.WebSession(app);
        await browser.SignInAsync($"shopper-{shop.Customer:N}@example.se", Web.People.Password);
        await ConnectHubAsync(app, browser.CookieHeader, origin: null);
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectHubAsync(app, browser.CookieHeader, OtherPort));

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(shop.Shopper, HttpMethod.Post, Assistant, JsonContent.Create(new { }), OtherPort)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(shop.Shopper, HttpMethod.Post, Assistant, null, null, fetchSite: "same-site")).StatusCode);
        var bodiless = await SendAsync(shop.Shopper, HttpMethod.Post, Assistant, null, null);
        Assert.True(bodiless.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"{(int)bodiless.StatusCode}");
        var bodilessHandOff = await SendAsync(shop.Shopper, HttpMethod.Post, $"{Assistant}/{Guid.NewGuid()}/handoff", null, null);
        Assert.True(bodilessHandOff.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"{(int)bodilessHandOff.StatusCode}");

        var information = $"{DisputeParties.Shopper}/{dispute}/information";
        var crossOriginUpload = await SendAsync(shop.Shopper, HttpMethod.Post, information, DisputeParties.Form(files: EvidenceSample.Png("note.png")), OtherPort);
        Assert.Equal(HttpStatusCode.Forbidden, crossOriginUpload.StatusCode);
        var tokenless = DisputeParties.Form(new Dictionary<string, string> { ["text"] = "a note from elsewhere" });
        var withoutToken = await SendAsync(shop.Shopper, HttpMethod.Post, information, tokenless, null, withPageToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        Assert.Equal(0, await app.WithDbAsync(db => db.Set<EvidenceFile>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Ombud.Conversations.Conversation>().CountAsync()));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient cookieClient, HttpMethod method, string path, HttpContent? content, string? origin,
        string? fetchSite = null, bool withPageToken = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Sec-Fetch-Site", "same-site");
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        if (!withPageToken)
        {
            request.Headers.Remove("RequestVerificationToken");
            cookieClient.DefaultRequestHeaders.TryGetValues("RequestVerificationToken", out var token);
            var saved = token?.ToList();
            cookieClient.DefaultRequestHeaders.Remove("RequestVerificationToken");
            try
            {
                return await cookieClient.SendAsync(request);
            }
            finally
            {
                if (saved is not null)
                {
                    cookieClient.DefaultRequestHeaders.Add("RequestVerificationToken", saved);
                }
            }
        }

        return await cookieClient.SendAsync(request);
    }

    private static async Task ConnectHubAsync(OmbudTestApp app, string cookie, string? origin)
    {
        var server = (TestServer)app.Services.GetRequiredService<IServer>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri("http://localhost/hubs/assistant"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, ct) =>
                {
                    var client = server.CreateWebSocketClient();
                    client.ConfigureRequest = request =>
                    {
                        request.Headers.Cookie = cookie;
                        if (origin is not null)
                        {
                            request.Headers.Origin = origin;
                        }
                    };
                    return await client.ConnectAsync(context.Uri, ct);
                };
            })
            .Build();
        await connection.StartAsync();
    }
}
