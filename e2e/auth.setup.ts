import { expect, test as setup } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, storageStatePath } from "./demo-accounts";
import { LoginPage } from "./pages/login-page";

for (const [role, account] of Object.entries(ACCOUNTS)) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(account.email, DEMO_PASSWORD);
    await expect(page.getByTestId("current-user").first()).toHaveText(account.name);
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
