import type { Action } from '../../shared/lifecycle.js';
import type { ProposalDetail } from '../../shared/schemas/proposal-reads.js';

/**
 * What the proposal page hands to the form of a lifecycle action. The form renders its own modal
 * or drawer (open while mounted), calls the API, and calls onDone after success (the page then
 * reloads the proposal) or onClose when the user cancels.
 */
export interface ActionFormProps {
  proposal: ProposalDetail;
  action: Action;
  onClose: () => void;
  onDone: () => void;
}
