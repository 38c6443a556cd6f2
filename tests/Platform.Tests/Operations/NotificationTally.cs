using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Tests.Notifications;

namespace Platform.Tests.Operations;

/// <summary>Anonymous SignalR clients, one per Api node, noting when each post notification reached each of them.</summary>
public sealed class NotificationTally : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];

    /// <summary>Per client: post id → when its post.created arrived.</summary>
    public List<ConcurrentDictionary<string, DateTime>> Created { get; } = [];

    public static async Task<NotificationTally> ConnectAsync(IEnumerable<Uri> apis)
    {
        var tally = new NotificationTally();
        foreach (var api in apis)
        {
            var (connection, received) = await NotificationClients.ConnectHubAsync(api);
            var created = new ConcurrentDictionary<string, DateTime>();
            tally._connections.Add(connection);
            tally.Created.Add(created);
            // Ends with the test process: the client's channel is never completed.
            _ = Task.Run(async () =>
            {
                await foreach (var notification in received.ReadAllAsync())
                {
                    if (notification.GetProperty("type").GetString() == "post.created")
                        created.TryAdd(notification.GetProperty("resource_id").GetString()!, DateTime.UtcNow);
                }
            });
        }
        return tally;
    }

    /// <summary>Whether every client got notified of <paramref name="postId"/>.</summary>
    public bool AllSaw(string postId) => Created.All(c => c.ContainsKey(postId));

    /// <summary>The fewest post notifications any client received after <paramref name="since"/>.</summary>
    public int FewestSince(DateTime since) => Created.Min(c => c.Values.Count(at => at > since));

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }
}
