using System.Net;
using System.Net.Http.Headers;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Reg;
using Blux.SharedKernel.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Blux.IntegrationTests.Observability;

/// <summary>
/// Event streams last as long as their client keeps them, so the request budget does not bound them: an
/// identity holds at most <c>Blux:Streams:MaxPerIdentity</c> open, audit streams and Commander's live feed together.
/// </summary>
public sealed class StreamLimitTests : IDisposable
{
    private readonly BluxFactory _factory = new() { Settings = { ["Blux:Streams:MaxPerIdentity"] = "2" } };

    [Fact]
    public async Task An_identity_holding_its_streams_is_refused_one_more_until_one_closes_and_others_are_not_held_up()
    {
        using var admin = await _factory.AdminClientAsync();
        var first = await OpenAsync(admin, "/v1/audit/stream");
        using var second = await OpenAsync(admin, "/commander/live");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);

        using (var third = await OpenAsync(admin, "/v1/audit/stream"))
        {
            var error = await third.ShouldFailAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED", null, "too_many_streams");
            error["details"]!["limit"]!.GetValue<int>().Should().Be(2);
            error["details"]!["policy"]!.GetValue<string>().Should().Be("streams");
        }

        using (var live = await OpenAsync(admin, "/commander/live"))
        {
            live.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the live feed counts against the same streams");
        }

        var other = await _factory.CreateIdentityAsync("user", ["auditor"]);
        using var auditor = await _factory.CreateClient().AuthorizedAsync(other.Id, other.Secret);
        using (var theirs = await OpenAsync(auditor, "/v1/audit/stream"))
        {
            theirs.StatusCode.Should().Be(HttpStatusCode.OK, "another identity has streams of its own");
        }

        first.Dispose();
        var slots = _factory.Services.GetRequiredService<StreamSlots>();
        await Eventually.Async(() => slots.OpenBy("user:admin") == 1, "a closed stream gives its slot back");
        using var again = await OpenAsync(admin, "/v1/audit/stream");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_stream_that_ends_gives_its_slot_back_and_a_refused_one_takes_none()
    {
        using var admin = await _factory.AdminClientAsync();
        var slots = _factory.Services.GetRequiredService<StreamSlots>();
        for (var round = 0; round < 10; round++)
        {
            using (var one = await OpenAsync(admin, "/v1/audit/stream"))
            using (var two = await OpenAsync(admin, "/commander/live"))
            using (var over = await OpenAsync(admin, "/v1/audit/stream"))
            {
                one.StatusCode.Should().Be(HttpStatusCode.OK);
                two.StatusCode.Should().Be(HttpStatusCode.OK);
                over.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, $"round {round}: both slots are held");
                slots.OpenBy("user:admin").Should().Be(2);
            }

            await Eventually.Async(() => slots.OpenBy("user:admin") == 0, $"round {round}: the closed streams gave their slots back");
        }
    }

    public void Dispose() => _factory.Dispose();

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
