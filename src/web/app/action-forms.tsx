import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Action } from '../../shared/lifecycle.js';
import type { ActionFormProps } from '../components/action-form.js';

// The form for each lifecycle action, loaded when first opened. The proposal page shows a button
// for every action the server lists in availableActions and opens the form registered here.
// 'edit' and 'merge' are pages of their own (see proposal-detail-page.tsx).
const SubmitForm = lazy(() => import('../features/member-actions/components/submit-form.js').then((m) => ({ default: m.SubmitForm })));
const CosignForm = lazy(() => import('../features/member-actions/components/cosign-form.js').then((m) => ({ default: m.CosignForm })));
const WithdrawForm = lazy(() => import('../features/member-actions/components/withdraw-form.js').then((m) => ({ default: m.WithdrawForm })));
const EvaluateForm = lazy(() => import('../features/member-actions/components/evaluate-form.js').then((m) => ({ default: m.EvaluateForm })));
const ReviewForm = lazy(() => import('../features/staff-actions/components/review-form.js').then((m) => ({ default: m.ReviewForm })));
const AssignForm = lazy(() => import('../features/staff-actions/components/assign-form.js').then((m) => ({ default: m.AssignForm })));
const DecideObjectionForm = lazy(() => import('../features/staff-actions/components/decide-objection-form.js').then((m) => ({ default: m.DecideObjectionForm })));
const ExtendForm = lazy(() => import('../features/staff-actions/components/extend-form.js').then((m) => ({ default: m.ExtendForm })));
const RemindForm = lazy(() => import('../features/staff-actions/components/remind-form.js').then((m) => ({ default: m.RemindForm })));
const KeyForm = lazy(() => import('../features/staff-actions/components/key-form.js').then((m) => ({ default: m.KeyForm })));
const SupervisionForm = lazy(() => import('../features/staff-actions/components/supervision-form.js').then((m) => ({ default: m.SupervisionForm })));
const PublishForm = lazy(() => import('../features/staff-actions/components/publish-form.js').then((m) => ({ default: m.PublishForm })));
const ReplyReviewForm = lazy(() => import('../features/staff-actions/components/reply-review-form.js').then((m) => ({ default: m.ReplyReviewForm })));
const RecordCosignForm = lazy(() => import('../features/staff-actions/components/record-cosign-form.js').then((m) => ({ default: m.RecordCosignForm })));
const CloseForm = lazy(() => import('../features/staff-actions/components/close-form.js').then((m) => ({ default: m.CloseForm })));
const SignForm = lazy(() => import('../features/unit-actions/components/sign-form.js').then((m) => ({ default: m.SignForm })));
const ObjectForm = lazy(() => import('../features/unit-actions/components/object-form.js').then((m) => ({ default: m.ObjectForm })));
const ContactForm = lazy(() => import('../features/unit-actions/components/contact-form.js').then((m) => ({ default: m.ContactForm })));
const CoOpinionForm = lazy(() => import('../features/unit-actions/components/co-opinion-form.js').then((m) => ({ default: m.CoOpinionForm })));
const ReplyForm = lazy(() => import('../features/unit-actions/components/reply-form.js').then((m) => ({ default: m.ReplyForm })));
const FollowUpForm = lazy(() => import('../features/unit-actions/components/follow-up-form.js').then((m) => ({ default: m.FollowUpForm })));

export const ACTION_FORMS: Partial<Record<Action, LazyExoticComponent<ComponentType<ActionFormProps>>>> = {
  submit: SubmitForm,
  confirm_cosign: CosignForm,
  decline_cosign: CosignForm,
  record_cosign: RecordCosignForm,
  withdraw: WithdrawForm,
  evaluate: EvaluateForm,
  file: ReviewForm,
  reject: ReviewForm,
  return: ReviewForm,
  assign: AssignForm,
  decide_objection: DecideObjectionForm,
  extend_deadline: ExtendForm,
  remind: RemindForm,
  designate_key: KeyForm,
  add_supervision: SupervisionForm,
  publish: PublishForm,
  close: CloseForm,
  sign: SignForm,
  object: ObjectForm,
  record_contact: ContactForm,
  add_co_opinion: CoOpinionForm,
  reply: ReplyForm,
  approve_reply: ReplyReviewForm,
  return_reply: ReplyReviewForm,
  report_follow_up: FollowUpForm,
};
