namespace Grains.Interfaces.Content;

/// <summary>The ids of the posts one user wrote, so that erasing the account finds every one of them.</summary>
public interface IUserPostsGrain : IUserIndexGrain;
