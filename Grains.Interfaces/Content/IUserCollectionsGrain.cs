namespace Grains.Interfaces.Content;

/// <summary>The ids of one user's collections, for the listing of the caller's own.</summary>
public interface IUserCollectionsGrain : IUserIndexGrain;
