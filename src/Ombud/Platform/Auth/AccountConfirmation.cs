using Microsoft.AspNetCore.Identity;

namespace Ombud.Platform.Auth;

/// <summary>
/// Who may sign in with a password: an account with a role, or one whose e-mail is confirmed. Accounts the provider
/// made (shoppers from the order feed, invited staff) hold a role from the start; an account someone made for
/// themselves (an agent's sign-up) holds none until its e-mail is confirmed, and until then cannot sign in.
/// </summary>
internal sealed class AccountConfirmation : IUserConfirmation<OmbudUser>
{
    public async Task<bool> IsConfirmedAsync(UserManager<OmbudUser> manager, OmbudUser user) =>
        await manager.IsEmailConfirmedAsync(user) || (await manager.GetRolesAsync(user)).Count > 0;
}
