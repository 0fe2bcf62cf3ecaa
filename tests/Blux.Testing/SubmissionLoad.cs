using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Blux.Testing;

/// <summary>
/// Clients submitting tasks to a host until stopped, for tests that stop or kill the host under load.
/// <see cref="Accepted"/> holds every request that got a 202; a request the host went away under
/// never got one and is not there.
/// </summary>
public sealed class SubmissionLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _clients;
    private int _counter;

    /// <param name="work">The n-th request (from 1) the clients send together.</param>
    public SubmissionLoad(HttpClient client, Func<int, JsonObject> work, int clients = 8)
    {
        _clients = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var request = work(Interlocked.Increment(ref _counter));
                try
                {
                    var response = await client.PostAsync("/v1/tasks", Json.Content(request.ToJsonString()));
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        Accepted[request["task_id"]!.GetValue<string>()] = request;
                    }
                }
                catch (HttpRequestException)
                {
                    // The host stopped or died under this request: it never got a 202.
                }
            }
        })).ToArray();
    }

    /// <summary>The accepted requests by task id.</summary>
    public ConcurrentDictionary<string, JsonObject> Accepted { get; } = new();

    /// <summary>Waits (two minutes at most) until <paramref name="count"/> tasks are accepted.</summary>
    public Task UntilAcceptedAsync(int count) =>
        Eventually.Async(() => Accepted.Count >= count || _clients.Any(c => c.IsCompleted), $"{count} tasks are accepted", TimeSpan.FromMinutes(2));

    /// <summary>Stops the clients and waits for their last requests to end.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
