// The admin app: antd in Chinese with the accessible theme, and the routes. Everything but the login page
// sits behind the session guard and inside the layout.
import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  InfoCircleFilled,
  LoadingOutlined,
} from '@ant-design/icons';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './layout/app-layout';
import { CategoriesPage } from './pages/categories/categories-page';
import { DashboardPage } from './pages/dashboard/dashboard-page';
import { DispatchQueuePage } from './pages/events/dispatch-queue-page';
import { EventDetailPage } from './pages/events/event-detail-page';
import { EventsPage } from './pages/events/events-page';
import { HandlingPage } from './pages/events/handling-page';
import { VerificationPage } from './pages/events/verification-page';
import { DiscrepanciesPage } from './pages/fees/discrepancies-page';
import { FeeKeysPage } from './pages/fees/fee-keys-page';
import { PayerLookupPage } from './pages/fees/payer-lookup-page';
import { ReconciliationsPage } from './pages/fees/reconciliations-page';
import { GridsPage } from './pages/grids/grids-page';
import { LoginPage } from './pages/login/login-page';
import { ModerationPage } from './pages/moderation/moderation-page';
import { NotFoundPage } from './pages/not-found/not-found-page';
import { DeliveriesPage } from './pages/notices/deliveries-page';
import { RuleEditorPage } from './pages/notices/rule-editor-page';
import { RulesPage } from './pages/notices/rules-page';
import { StatsPage } from './pages/notices/stats-page';
import { Open311KeysPage } from './pages/open311-keys/open311-keys-page';
import { CollisionsPage } from './pages/residence/collisions-page';
import { DeclarationDetailPage } from './pages/residence/declaration-detail-page';
import { DeclarationsPage } from './pages/residence/declarations-page';
import { GridStatsPage } from './pages/residence/grid-stats-page';
import { HouseDetailPage } from './pages/residence/house-detail-page';
import { HousesPage } from './pages/residence/houses-page';
import { ImportsPage } from './pages/residence/imports-page';
import { QrSheetPage } from './pages/residence/qr-sheet-page';
import { TasksPage } from './pages/residence/tasks-page';
import { StaffPage } from './pages/staff/staff-page';
import { ComplaintsPage } from './pages/tourism/complaints-page';
import { HelpBoardPage } from './pages/tourism/help-board-page';
import { PlacesPage } from './pages/tourism/places-page';
import { UnitsPage } from './pages/units/units-page';
import { RequireSession } from './session/require-session';
import { theme } from './theme';

export function AdminApp() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={theme}
      button={{
        // Otherwise antd shows "登 录"; tests and screen readers should meet the word as written.
        autoInsertSpace: false,
        // antd's default spinner is labelled "loading" and lingers through a leave animation, so for a
        // moment after a failed sign-in the button is named "loading 登录". A hidden spinner keeps the name.
        loadingIcon: <LoadingOutlined aria-hidden />,
      }}
      // antd's own alert icons are named in English ("close-circle") and read out before the message.
      alert={{
        successIcon: <CheckCircleFilled aria-hidden />,
        infoIcon: <InfoCircleFilled aria-hidden />,
        warningIcon: <ExclamationCircleFilled aria-hidden />,
        errorIcon: <CloseCircleFilled aria-hidden />,
      }}
      form={{
        // Labels are accessible names: no CSS colon or asterisk in them ("* 纬度 :"). Required fields are
        // announced through aria-required; the few optional ones say （可选） in words.
        colon: false,
        requiredMark: 'optional',
        // Client-side errors put focus on the first field to fix, as server-side ones do.
        scrollToFirstError: { focus: true, block: 'center' },
      }}
    >
      <AntApp>
        {/* The API serves this build under /admin/ and falls back to index.html for deep links. */}
        <BrowserRouter basename="/admin">
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route element={<RequireSession />}>
              <Route element={<AppLayout />}>
                <Route index element={<DashboardPage />} />
                <Route path="units" element={<UnitsPage />} />
                <Route path="staff" element={<StaffPage />} />
                <Route path="grids" element={<GridsPage />} />
                <Route path="events" element={<EventsPage />} />
                {/* Static segments outrank :code, and no event code looks like these words. */}
                <Route path="events/dispatch" element={<DispatchQueuePage />} />
                <Route path="events/handling" element={<HandlingPage />} />
                <Route path="events/verification" element={<VerificationPage />} />
                <Route path="events/:code" element={<EventDetailPage />} />
                <Route path="categories" element={<CategoriesPage />} />
                <Route path="open311-keys" element={<Open311KeysPage />} />
                {/* 居住申报 */}
                <Route path="residence" element={<Navigate to="/residence/houses" replace />} />
                <Route path="residence/houses" element={<HousesPage />} />
                <Route path="residence/houses/:code" element={<HouseDetailPage />} />
                <Route path="residence/qr-sheet" element={<QrSheetPage />} />
                <Route path="residence/declarations" element={<DeclarationsPage />} />
                <Route path="residence/declarations/:id" element={<DeclarationDetailPage />} />
                <Route path="residence/tasks" element={<TasksPage />} />
                <Route path="residence/imports" element={<ImportsPage />} />
                <Route path="residence/collisions" element={<CollisionsPage />} />
                <Route path="residence/grid-stats" element={<GridStatsPage />} />
                {/* 社保费 */}
                <Route path="fees" element={<Navigate to="/fees/reconciliations" replace />} />
                <Route path="fees/reconciliations" element={<ReconciliationsPage />} />
                <Route path="fees/discrepancies" element={<DiscrepanciesPage />} />
                <Route path="fees/keys" element={<FeeKeysPage />} />
                <Route path="fees/payers" element={<PayerLookupPage />} />
                {/* 海岛服务 */}
                <Route path="tourism" element={<Navigate to="/tourism/help" replace />} />
                <Route path="tourism/help" element={<HelpBoardPage />} />
                <Route path="tourism/complaints" element={<ComplaintsPage />} />
                <Route path="tourism/places" element={<PlacesPage />} />
                {/* 精准推送; "new" outranks :id */}
                <Route path="notices" element={<Navigate to="/notices/rules" replace />} />
                <Route path="notices/rules" element={<RulesPage />} />
                <Route path="notices/rules/new" element={<RuleEditorPage />} />
                <Route path="notices/rules/:id" element={<RuleEditorPage />} />
                <Route path="notices/deliveries" element={<DeliveriesPage />} />
                <Route path="notices/stats" element={<StatsPage />} />
                {/* 内容安全 */}
                <Route path="moderation" element={<ModerationPage />} />
                <Route path="dashboard" element={<Navigate to="/" replace />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
