using System.Net;
using Blux.IntegrationTests.Infrastructure;
using Blux.IntegrationTests.Lite;

namespace Blux.IntegrationTests.Deployment;

/// <summary>What a deployment must get right for a first client: a signed task finished under ?wait, and an audit chain that verifies.</summary>
internal static class FirstTask
{
    /// <summary>The request is signed, as <c>BLUX_ENV=production</c> (the container's) requires.</summary>
    public static async Task CompletesAndIsAuditedAsync(HttpClient admin)
    {
        using var signer = await RequestSigner.RegisterAsync(admin);
        var request = signer.Sign(TaskRequest.Create("echo"));
        var response = await admin.PostAsync("/v1/tasks?wait=10", Json.Content(request.ToJsonString()));
        var task = await response.BodyAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, task.ToJsonString());
        task["status"]!.GetValue<string>().Should().Be("completed");
        task["result"]!["echo"]!.ToJsonString().Should().Be(request["payload"]!.ToJsonString());

        var verify = await (await admin.GetAsync("/v1/audit/verify")).BodyAsync();
        verify["valid"]!.GetValue<bool>().Should().BeTrue(verify.ToJsonString());
        verify["checked"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(3);
    }
}
