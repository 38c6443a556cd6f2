using Grains.Interfaces.Content;
using Orleans.Core.Internal;

namespace Platform.Tests.Content;

/// <summary>Steps the grain-level content tests share.</summary>
internal static class GrainSteps
{
    public static IPostGrain NewPostGrain(this IGrainFactory grains) => grains.GetGrain<IPostGrain>(Guid.CreateVersion7().ToString());

    public static ICollectionGrain NewCollectionGrain(this IGrainFactory grains) => grains.GetGrain<ICollectionGrain>(Guid.CreateVersion7().ToString());

    public static async Task<Post> CreatePostAsync(this IGrainFactory grains, Guid author, string title = "A title", string body = "A body")
    {
        var result = await grains.NewPostGrain().CreateAsync(author, new(Title: title, Body: body));
        Assert.Equal(ChangeStatus.Ok, result.Status);
        return result.Value!;
    }

    public static async Task<Collection> CreateCollectionAsync(this IGrainFactory grains, Guid owner, string name = "Reading list")
    {
        var result = await grains.NewCollectionGrain().CreateAsync(owner, new(Name: name));
        Assert.Equal(ChangeStatus.Ok, result.Status);
        return result.Value!;
    }

    public static IfMatch Version(int version) => new(Versions: [version]);

    /// <summary>Drops the activation, so the next call reads the grain's state back from storage.</summary>
    public static async Task DeactivateAsync(this IAddressable grain) =>
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
}
