// The screen of an outbound route (see routes.ts): what App.tsx renders for one.
import { CampaignFormScreen } from "./CampaignForm";
import { CampaignScreen } from "./CampaignScreen";
import { CampaignsScreen } from "./CampaignsScreen";
import { ContactListScreen } from "./ContactListScreen";
import { ContactListsScreen } from "./ContactListsScreen";
import { DncScreen } from "./DncScreen";
import type { OutboundRoute } from "./paths";

export function OutboundScreen({ route }: { route: OutboundRoute }) {
  switch (route.name) {
    case "contactLists":
      return <ContactListsScreen />;
    case "contactList":
      return <ContactListScreen key={route.listId} listId={route.listId} />;
    case "dnc":
      return <DncScreen key="tenant" scope="tenant" />;
    case "providerDnc":
      return <DncScreen key="provider" scope="provider" />;
    case "campaigns":
      return <CampaignsScreen />;
    case "campaignNew":
      return <CampaignFormScreen key="new" campaignId={null} />;
    case "campaign":
      return <CampaignScreen key={route.campaignId} campaignId={route.campaignId} />;
    case "campaignEdit":
      return <CampaignFormScreen key={`edit-${route.campaignId}`} campaignId={route.campaignId} />;
  }
}
