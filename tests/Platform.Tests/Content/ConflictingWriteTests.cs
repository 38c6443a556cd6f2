using Grains.Content;
using Orleans.Storage;

namespace Platform.Tests.Content;

/// <summary>
/// While silos hand grains over, a grain can briefly have two activations, and the second writer's version
/// check fails: an idempotent change is then applied again on top of what storage holds.
/// </summary>
public sealed class ConflictingWriteTests
{
    [Fact]
    public async Task A_change_that_meets_another_activations_write_is_applied_to_storages_version()
    {
        var storage = new StorageWithOtherWriter([1]) { OtherWriterAddsOnNextWrite = 2 };
        storage.State = [1];

        await storage.ApplyAndWriteAsync(null!, set => set.Add(3));

        Assert.Equal([1, 2, 3], storage.Stored.Order());
        Assert.Equal(1, storage.Writes);
    }

    [Fact]
    public async Task A_change_with_nothing_to_do_writes_nothing()
    {
        var storage = new StorageWithOtherWriter([1]) { State = [1] };

        await storage.ApplyAndWriteAsync(null!, set => set.Add(1));

        Assert.Equal(0, storage.Writes);
    }

    /// <summary>Storage of a set whose next write can lose to another activation's, as ADO.NET storage's version check makes it.</summary>
    private sealed class StorageWithOtherWriter(HashSet<int> stored) : IPersistentState<HashSet<int>>
    {
        public HashSet<int> Stored { get; private set; } = stored;
        public int? OtherWriterAddsOnNextWrite { get; init; }
        public int Writes { get; private set; }
        private bool _conflicted;

        public HashSet<int> State { get; set; } = [];
        public string? Etag { get; set; }
        public bool RecordExists => true;

        public Task ReadStateAsync()
        {
            State = [.. Stored];
            return Task.CompletedTask;
        }

        public Task WriteStateAsync()
        {
            if (OtherWriterAddsOnNextWrite is { } other && !_conflicted)
            {
                _conflicted = true;
                Stored.Add(other);
                throw new InconsistentStateException("Version conflict (WriteState)");
            }
            Writes++;
            Stored = [.. State];
            return Task.CompletedTask;
        }

        public Task ClearStateAsync() => throw new NotSupportedException();
    }
}
